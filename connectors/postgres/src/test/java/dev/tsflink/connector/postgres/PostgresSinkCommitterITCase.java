package dev.tsflink.connector.postgres;

import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.core.graph.DatabaseSinkSpec;
import dev.tsflink.core.graph.Location;
import dev.tsflink.core.graph.PostgresSinkNode;
import dev.tsflink.core.graph.SecretRef;
import dev.tsflink.core.sink.DatabaseSink;
import dev.tsflink.core.sink.LoggedRejectedRecords;
import dev.tsflink.core.sink.RowBatch;
import dev.tsflink.core.sink.RowCodec;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkCommitterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static dev.tsflink.connector.postgres.PostgresTestTables.ORDER;
import static dev.tsflink.connector.postgres.PostgresTestTables.order;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sink's own committer, as Flink drives it: a committable that went through its serializer (as
 * after a restore from a checkpoint) is applied once; the same committable again changes nothing.
 */
class PostgresSinkCommitterITCase {

    /** A commit request that remembers how the committer answered. */
    static final class Request implements Committer.CommitRequest<RowBatch> {
        final RowBatch batch;
        final List<String> signals = new ArrayList<>();

        Request(RowBatch batch) {
            this.batch = batch;
        }

        @Override
        public RowBatch getCommittable() {
            return batch;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            signals.add("failed: " + t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            signals.add("failed: " + t);
        }

        @Override
        public void retryLater() {
            signals.add("retry later");
        }

        @Override
        public void updateAndRetryLater(RowBatch committable) {
            signals.add("update and retry later");
        }

        @Override
        public void signalAlreadyCommitted() {
            signals.add("already committed");
        }
    }

    static final class Context implements CommitterInitContext {
        @Override
        public SinkCommitterMetricGroup metricGroup() {
            return InternalSinkCommitterMetricGroup.wrap(UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return OptionalLong.of(7);
        }

        @Override
        public JobInfo getJobInfo() {
            return new JobInfoImpl(new JobID(), "postgres-committer-test");
        }

        @Override
        public TaskInfo getTaskInfo() {
            return new TaskInfoImpl("sink", 1, 0, 1, 0);
        }
    }

    @Test
    void aRestoredCommittableIsAppliedOnceAndItsReplayChangesNothing() throws Exception {
        PostgresTable table = PostgresTestTables.create(List.of("orderId"));
        String uid = "postgres-sink.committer-it-" + UUID.randomUUID();
        try {
            PostgresSinkNode node = new PostgresSinkNode(uid, uid, "sink postgres test", new Location("test.ts", 1, 1), List.of("orders"), null,
                    new DatabaseSinkSpec(ORDER, true, 2, new SecretRef("PG_URL"), null),
                    table.schema(), table.table(), PostgresSinkNode.Mode.UPSERT, List.of("orderId"));
            DatabaseSink sink = PostgresSinks.create(node, LocalServices.postgresUrl(), LoggedRejectedRecords.factory(node.name()));

            RowCodec codec = new RowCodec(ORDER);
            SimpleVersionedSerializer<RowBatch> serializer = sink.getCommittableSerializer();
            RowBatch written = new RowBatch("run-9", 0, 7, 3, codec.toBytes(List.of(order("o-1", 1), order("o-2", 2), order("o-3", 3))));
            RowBatch restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(written));

            try (Committer<RowBatch> committer = sink.createCommitter(new Context())) {
                Request first = new Request(restored);
                committer.commit(List.of(first));
                List<String> rows = PostgresTestTables.rows(table, "\"orderId\"");
                assertEquals(3, rows.size());

                Request replay = new Request(restored);
                committer.commit(List.of(replay));
                assertEquals(rows, PostgresTestTables.rows(table, "\"orderId\""));
                assertEquals(List.of(), first.signals);
                assertEquals(List.of(), replay.signals);
            }
            assertEquals("run-9/7", PostgresTestTables.progress(uid, 0));
        } finally {
            PostgresTestTables.drop(table);
        }
        PostgresTestTables.deleteProgress(uid);
    }
}
