package dev.tsflink.connector.postgres;

import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.connector.testing.TcpProxy;
import dev.tsflink.core.sink.Backoff;
import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.SinkUnavailableException;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tsflink.connector.postgres.PostgresTestTables.ORDER;
import static dev.tsflink.connector.postgres.PostgresTestTables.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL writer and committer side against the real server of the local stack. */
class PostgresSinkTargetITCase {

    private final String sink = "postgres-it-" + UUID.randomUUID();
    private final List<PostgresTable> tables = new ArrayList<>();
    private final CollectedRejections rejections = new CollectedRejections();

    private PostgresTable table(List<String> key, String... extraSql) throws Exception {
        PostgresTable t = PostgresTestTables.create(key, extraSql);
        tables.add(t);
        return t;
    }

    private static PostgresSinkTarget target(PostgresTable table, int batchSize) {
        return target(LocalServices.postgresUrl(), table, batchSize);
    }

    private static PostgresSinkTarget target(String url, PostgresTable table, int batchSize) {
        return new PostgresSinkTarget(PostgresUrl.parse(url, "PG_URL"), table, batchSize, "tsflink test");
    }

    @AfterEach
    void dropTables() throws Exception {
        for (PostgresTable t : tables) {
            PostgresTestTables.drop(t);
        }
        PostgresTestTables.deleteProgress(sink);
    }

    @Test
    void upsertCommitsOnceAndAReplayedCommitChangesNothing() throws Exception {
        PostgresTable table = table(List.of("orderId"));
        try (PostgresSinkTarget target = target(table, 500)) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-1", 1), order("o-2", 2)), rejections));
            List<String> afterFirst = List.of(
                    "o-1|1|10.5|f|1700000000001|1000000000|C1|[{\"sku\": \"sku-1\", \"price\": 1.25}]|{\"channel\": \"web\"}",
                    "o-2|2|21|t|1700000000002|2000000000|null|[{\"sku\": \"sku-2\", \"price\": 1.25}]|{\"channel\": \"web\"}");
            assertEquals(afterFirst, PostgresTestTables.rows(table, "\"orderId\""));
            assertEquals("run-1/1", PostgresTestTables.progress(sink, 0));

            // The same batch again, as after a failure between commit and checkpoint: skipped.
            assertFalse(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-1", 1), order("o-2", 2)), rejections));
            assertEquals(afterFirst, PostgresTestTables.rows(table, "\"orderId\""));

            // The next checkpoint updates o-2 (the upsert) and adds o-3; a stale replay of 1 changes nothing.
            Row changed = order("o-2", 2);
            changed.setField(1, 7);
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 2), List.of(changed, order("o-3", 3)), rejections));
            assertFalse(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-2", 2)), rejections));
            assertEquals(List.of(
                    "o-1|1|10.5|f|1700000000001|1000000000|C1|[{\"sku\": \"sku-1\", \"price\": 1.25}]|{\"channel\": \"web\"}",
                    "o-2|7|21|t|1700000000002|2000000000|null|[{\"sku\": \"sku-2\", \"price\": 1.25}]|{\"channel\": \"web\"}",
                    "o-3|3|31.5|f|1700000000003|3000000000|C3|[{\"sku\": \"sku-3\", \"price\": 1.25}]|null"),
                    PostgresTestTables.rows(table, "\"orderId\""));
            assertEquals("run-1/2", PostgresTestTables.progress(sink, 0));
            // Other subtasks have fences of their own.
            assertEquals(null, PostgresTestTables.progress(sink, 1));
        }
        assertEquals(List.of(), rejections.rejected);
    }

    @Test
    void aNewRunIsAppliedEvenBelowTheStoredCheckpoint() throws Exception {
        PostgresTable table = table(List.of());
        try (PostgresSinkTarget target = target(table, 500)) {
            assertTrue(target.commit(new Fence(sink, 3, "old-job", 50), List.of(order("o-1", 1)), rejections));
            // A job started without state counts checkpoints from 1 again.
            assertTrue(target.commit(new Fence(sink, 3, "new-job", 1), List.of(order("o-2", 2)), rejections));
            assertFalse(target.commit(new Fence(sink, 3, "new-job", 1), List.of(order("o-2", 2)), rejections));
        }
        assertEquals(2, PostgresTestTables.rows(table, "\"orderId\"").size());
        assertEquals("new-job/1", PostgresTestTables.progress(sink, 3));
    }

    @Test
    void appendInsertsEveryRowInBatches() throws Exception {
        PostgresTable table = table(List.of());
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            rows.add(order("o-" + i, i));
        }
        try (PostgresSinkTarget target = target(table, 3)) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), rows, rejections));
            // at-least-once: no fence, so the same rows twice are twice in the table.
            target.write(rows.subList(0, 2), rejections);
        }
        List<String> ids = PostgresTestTables.rows(table, "\"orderId\", seq").stream().map(r -> r.substring(0, r.indexOf('|'))).toList();
        assertEquals(List.of("o-1", "o-1", "o-2", "o-2", "o-3", "o-4", "o-5", "o-6", "o-7"), ids);
    }

    @Test
    void aRowTheDatabaseRefusesIsRejectedAndTheRestCommits() throws Exception {
        PostgresTable table = table(List.of("orderId"), "alter table $table add constraint positive_quantity check (quantity > 0)");
        List<Row> rows = List.of(order("o-1", 1), order("o-2", -2), order("o-3", 3), order("o-4", -4), order("o-5", 5));
        try (PostgresSinkTarget target = target(table, 2)) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), rows, rejections));
        }
        assertEquals(List.of("o-1", "o-3", "o-5"),
                PostgresTestTables.rows(table, "\"orderId\"").stream().map(r -> r.substring(0, r.indexOf('|'))).toList());
        assertEquals(List.of("o-2", "o-4"), rejections.rejected.stream().map(r -> (String) r.row().getField(0)).toList());
        String reason = "PostgreSQL 23514: ERROR: new row for relation \"" + table.table() + "\" violates check constraint \"positive_quantity\"";
        assertEquals(List.of(reason, reason), rejections.rejected.stream().map(CollectedRejections.Rejection::reason).toList());
        // Flushed before the commit that leaves them out.
        assertEquals(2, rejections.flushedCount);
        assertEquals("run-1/1", PostgresTestTables.progress(sink, 0));
    }

    @Test
    void aMissingTableFailsWithItsName() throws Exception {
        PostgresTable missing = PostgresTable.of(PostgresTestTables.SCHEMA, "no_such_table", ORDER, List.of("orderId"));
        try (PostgresSinkTarget target = target(missing, 500)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-1", 1)), rejections));
            assertEquals("PostgreSQL commit to " + PostgresTestTables.SCHEMA + ".no_such_table failed (SQLSTATE 42P01): ERROR: relation \""
                    + PostgresTestTables.SCHEMA + ".no_such_table\" does not exist", e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsRetriedUntilItIsBack() throws Exception {
        PostgresTable table = table(List.of("orderId"));
        URI real = URI.create(LocalServices.postgresUrl());
        try (TcpProxy proxy = new TcpProxy(real.getHost(), real.getPort());
             PostgresSinkTarget target = target(LocalServices.postgresUrl().replace(":" + real.getPort() + "/", ":" + proxy.port() + "/"), table, 500)) {
            // Connected once, then the server goes away in the middle of the job.
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-1", 1)), rejections));
            proxy.cut();
            assertThrows(SinkUnavailableException.class,
                    () -> target.commit(new Fence(sink, 0, "run-1", 2), List.of(order("o-2", 2)), rejections));

            List<Duration> waits = new ArrayList<>();
            Backoff backoff = new Backoff(LoggerFactory.getLogger(getClass()), "commit to the test table", delay -> {
                waits.add(delay);
                if (waits.size() == 3) {
                    proxy.restore();
                }
                Thread.sleep(delay.toMillis() / 20);
            });
            CompletableFuture<Boolean> commit = CompletableFuture.supplyAsync(() -> {
                try {
                    return backoff.run(() -> target.commit(new Fence(sink, 0, "run-1", 2), List.of(order("o-2", 2)), rejections));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(commit.get(60, TimeUnit.SECONDS));
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
        }
        assertEquals(2, PostgresTestTables.rows(table, "\"orderId\"").size());
        assertEquals("run-1/2", PostgresTestTables.progress(sink, 0));
    }
}
