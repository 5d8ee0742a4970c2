package dev.tsflink.connector.redis;

import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.connector.testing.TcpProxy;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.RedisSinkNode;
import dev.tsflink.core.sink.Backoff;
import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.sink.SinkUnavailableException;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.resps.Tuple;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis sink's script and committer side against the real Redis of the local stack. */
class RedisSinkTargetITCase {

    private static JobGraph graph;
    private static JedisPooled redis;
    private static boolean cluster;
    /** Keeps each run's keys apart from earlier runs' (the server is shared and persistent). */
    private final String player = "p" + UUID.randomUUID().toString().substring(0, 8);
    private final String sink = "redis-it-" + UUID.randomUUID();
    private final Collected rejections = new Collected();

    static final class Collected implements RejectedRecords {
        final List<String> reasons = new ArrayList<>();
        final List<Row> rows = new ArrayList<>();

        @Override
        public void reject(Row record, String reason) {
            rows.add(record);
            reasons.add(reason);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @BeforeAll
    static void load() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("compiler/schema/jobgraph.v1.schema.json"))) {
            root = root.getParent();
        }
        graph = JobGraphLoader.load(Files.readString(root.resolve("compiler/test/cases/redis-sink/expected.json")));
        redis = new JedisPooled(URI.create(LocalServices.redisUrl()));
        try (Jedis one = new Jedis(URI.create(LocalServices.redisUrl()))) {
            cluster = one.info("cluster").contains("cluster_enabled:1");
        }
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    /** The server is shared and persistent: every key this test wrote goes, fences included. */
    @AfterEach
    void deleteKeys() {
        for (String pattern : List.of("*" + player + "*", "tsflink:*:" + sink + "*")) {
            redis.keys(pattern).forEach(redis::del);
        }
    }

    private static RedisSinkNode node(String id) {
        return (RedisSinkNode) graph.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    private static RedisSinkTarget target(String id, String url) {
        RedisSinkNode node = node(id);
        return new RedisSinkTarget(url, RedisSinkSpec.of(node), 2, "tsflink-test");
    }

    private Row score(String player, String game, int points) {
        return Row.of(player, game, points, 1_700_000_000_000L + points);
    }

    /** The fence key of the group of {@code key}: its slot's on a Cluster, the one of slot 0 on a standalone server. */
    private String fenceKey(String key) {
        return RedisSlots.fenceKey(cluster ? RedisSlots.slot(key) : 0, sink + "/0");
    }

    @Test
    void hashesAreWrittenOnceWithTheirTtlAndTheFenceAdvancesPerChunk() throws Exception {
        List<Row> rows = List.of(score(player + "a", "chess", 42), score(player + "b", "go", 7), score(player + "c", "chess", 3));
        try (RedisSinkTarget target = target("redis-sink.scores", LocalServices.redisUrl())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), rows, rejections));
            assertEquals(Map.of("game", "chess", "points", "42", "at", "1700000000042"), redis.hgetAll("player:" + player + "a"));
            assertEquals(Map.of("game", "go", "points", "7", "at", "1700000000007"), redis.hgetAll("player:" + player + "b"));
            assertEquals(Map.of("game", "chess", "points", "3", "at", "1700000000003"), redis.hgetAll("player:" + player + "c"));
            long ttl = redis.pttl("player:" + player + "a");
            assertTrue(ttl > 3_590_000 && ttl <= 3_600_000, "ttl " + ttl);
            // batchSize 2: on a standalone server the three records are chunks 0 (two) and 1 (one).
            if (!cluster) {
                assertEquals("run-1/1/1", redis.get(fenceKey("player:" + player + "a")));
            }

            // A replay finds the fence and changes nothing, not even a changed value.
            redis.hset("player:" + player + "a", "points", "99");
            assertFalse(target.commit(new Fence(sink, 0, "run-1", 1), rows, rejections));
            assertEquals("99", redis.hget("player:" + player + "a", "points"));
            // The next checkpoint writes.
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 2), rows.subList(0, 1), rejections));
            assertEquals("42", redis.hget("player:" + player + "a", "points"));
        }
        assertEquals(List.of(), rejections.reasons);
    }

    @Test
    void aBatchCutOffAfterItsFirstChunkIsCompletedByTheReplay() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(cluster,
                "on a Cluster every slot's group has its own chunks");
        List<Row> rows = List.of(score(player + "a", "chess", 1), score(player + "b", "chess", 2), score(player + "c", "chess", 3));
        try (RedisSinkTarget target = target("redis-sink.scores", LocalServices.redisUrl())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 4), rows, rejections));
            // As if the job had died after chunk 0 of checkpoint 5: chunk 0 written, chunk 1 not.
            redis.set(fenceKey("player:" + player + "a"), "run-1/5/0");
            redis.hset("player:" + player + "a", "points", "chunk 0 of 5");
            List<Row> next = List.of(score(player + "a", "chess", 10), score(player + "b", "chess", 20), score(player + "c", "chess", 30));
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 5), next, rejections));
        }
        assertEquals("chunk 0 of 5", redis.hget("player:" + player + "a", "points"));
        assertEquals("2", redis.hget("player:" + player + "b", "points"));
        assertEquals("30", redis.hget("player:" + player + "c", "points"));
        assertEquals("run-1/5/1", redis.get(fenceKey("player:" + player + "a")));
    }

    @Test
    void sortedSetsAndStringsAndJsonStrings() throws Exception {
        String game = "g" + player;
        try (RedisSinkTarget leaderboard = target("leaderboard", LocalServices.redisUrl());
             RedisSinkTarget latest = target("latest-game", LocalServices.redisUrl());
             RedisSinkTarget last = target("last-score", LocalServices.redisUrl())) {
            List<Row> rows = List.of(score(player + "a", game, 42), score(player + "b", game, 7), score(player + "a", game, 50));
            assertTrue(leaderboard.commit(new Fence(sink, 0, "run-1", 1), rows, rejections));
            assertTrue(latest.commit(new Fence(sink + "-l", 0, "run-1", 1), rows, rejections));
            assertTrue(last.commit(new Fence(sink + "-s", 0, "run-1", 1), rows, rejections));
        }
        assertEquals(List.of(new Tuple(player + "b", 7.0), new Tuple(player + "a", 50.0)),
                redis.zrangeWithScores("leaderboard:" + game, 0, -1));
        assertEquals(game, redis.get("latest:" + player + "a"));
        assertEquals(-1, redis.pttl("latest:" + player + "a"));
        assertEquals("{\"points\":50,\"at\":1700000000050}", redis.get("score:" + player + "a"));
        assertEquals(List.of(), rejections.reasons);
    }

    @Test
    void atLeastOnceWritesWithoutAFence() throws Exception {
        try (RedisSinkTarget target = target("redis-sink.scores", LocalServices.redisUrl())) {
            target.write(List.of(score(player + "a", "chess", 5), score(player + "b", "go", 6), score(player + "c", "go", 7)), rejections);
            redis.hset("player:" + player + "a", "points", "changed");
            // No fence: the same records again are written again.
            target.write(List.of(score(player + "a", "chess", 5)), rejections);
        }
        assertEquals(Map.of("game", "chess", "points", "5", "at", "1700000000005"), redis.hgetAll("player:" + player + "a"));
        assertEquals("7", redis.hget("player:" + player + "c", "points"));
        assertEquals(List.of(), rejections.reasons);
    }

    @Test
    void aKeyOfAnotherTypeIsRejectedAndTheRestIsWritten() throws Exception {
        redis.set("player:" + player + "x", "a string, not a hash");
        List<Row> rows = List.of(score(player + "x", "chess", 1), score(player + "y", "chess", 2));
        try (RedisSinkTarget target = target("redis-sink.scores", LocalServices.redisUrl())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), rows, rejections));
        }
        assertEquals(List.of("Redis: WRONGTYPE Operation against a key holding the wrong kind of value"), rejections.reasons);
        assertEquals(player + "x", rejections.rows.get(0).getField(0));
        assertEquals("a string, not a hash", redis.get("player:" + player + "x"));
        assertEquals("2", redis.hget("player:" + player + "y", "points"));
    }

    @Test
    void anUnreachableServerIsRetriedUntilItIsBack() throws Exception {
        URI real = URI.create(LocalServices.redisUrl());
        try (TcpProxy proxy = new TcpProxy(real.getHost(), real.getPort());
             RedisSinkTarget target = target("redis-sink.scores", "redis://127.0.0.1:" + proxy.port())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), List.of(score(player + "a", "chess", 1)), rejections));
            proxy.cut();
            assertThrows(SinkUnavailableException.class,
                    () -> target.commit(new Fence(sink, 0, "run-1", 2), List.of(score(player + "a", "chess", 2)), rejections));
            List<Duration> waits = new ArrayList<>();
            Backoff backoff = new Backoff(LoggerFactory.getLogger(getClass()), "commit to the test Redis", delay -> {
                waits.add(delay);
                if (waits.size() == 2) {
                    proxy.restore();
                }
            });
            assertTrue(backoff.run(() -> target.commit(new Fence(sink, 0, "run-1", 2), List.of(score(player + "a", "chess", 2)), rejections)));
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits);
        }
        assertEquals("2", redis.hget("player:" + player + "a", "points"));
    }

    @Test
    void everySlotHasATagThatHashesToIt() {
        for (int slot = 0; slot < RedisSlots.SLOTS; slot++) {
            assertEquals(slot, RedisSlots.slot(RedisSlots.tag(slot)));
            assertEquals(slot, RedisSlots.slot(RedisSlots.fenceKey(slot, "sink/0")));
        }
        // Redis Cluster's own example: CRC16("123456789") is 0x31C3, slot 12739; hash tags count alone.
        assertEquals(12739, RedisSlots.slot("123456789"));
        assertEquals(RedisSlots.slot("user1000"), RedisSlots.slot("{user1000}.following"));
    }
}
