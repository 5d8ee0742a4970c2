package dev.tsflink.core.sink;

import dev.tsflink.core.types.RecordType;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.types.Row;

import java.util.Collection;
import java.util.Comparator;
import java.util.UUID;

/**
 * A PostgreSQL, MongoDB or Redis sink in Flink's Sink V2 shape: a {@link DatabaseSinkWriter} that
 * buffers each checkpoint's records, {@link RowBatch} committables that carry them, and a
 * {@link DatabaseSinkCommitter} that applies them with a {@link Fence} after the checkpoint
 * completes. The database itself is behind a {@link SinkTargetFactory}, one per connector.
 */
public final class DatabaseSink implements Sink<Row>, SupportsCommitter<RowBatch>, SupportsWriterState<Row, SinkWriterState> {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final RecordType inputType;
    private final boolean exactlyOnce;
    private final int batchSize;
    private final SinkTargetFactory targets;
    private final RejectedRecordsFactory rejected;

    /**
     * @param uid       the sink node's uid: the fence's sink name
     * @param batchSize records per database round trip (at-least-once: also per write)
     */
    public DatabaseSink(String uid, RecordType inputType, boolean exactlyOnce, int batchSize,
                        SinkTargetFactory targets, RejectedRecordsFactory rejected) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.uid = uid;
        this.inputType = inputType;
        this.exactlyOnce = exactlyOnce;
        this.batchSize = batchSize;
        this.targets = targets;
        this.rejected = rejected;
    }

    public String uid() {
        return uid;
    }

    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    public int batchSize() {
        return batchSize;
    }

    public SinkTargetFactory targets() {
        return targets;
    }

    @Override
    public StatefulSinkWriter<Row, SinkWriterState> createWriter(WriterInitContext context) {
        return writer(context, UUID.randomUUID().toString());
    }

    @Override
    public StatefulSinkWriter<Row, SinkWriterState> restoreWriter(WriterInitContext context, Collection<SinkWriterState> recovered) {
        // After rescaling a writer may receive several states (all of one run unless runs were
        // mixed by an earlier rescale) or none (a new subtask): any restored run will do, and a new
        // subtask starts a run of its own, since no earlier batch carries its subtask index.
        String run = recovered.stream().map(SinkWriterState::run).min(Comparator.naturalOrder())
                .orElseGet(() -> UUID.randomUUID().toString());
        return writer(context, run);
    }

    private DatabaseSinkWriter writer(WriterInitContext context, String run) {
        long restoredCheckpoint = context.getRestoredCheckpointId().orElse(WriterInitContext.INITIAL_CHECKPOINT_ID - 1);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return new DatabaseSinkWriter(new RowCodec(inputType), exactlyOnce, batchSize, run, subtask, restoredCheckpoint,
                exactlyOnce ? null : targets.open(), exactlyOnce ? null : rejected.create(context.metricGroup()),
                targets.describe());
    }

    @Override
    public Committer<RowBatch> createCommitter(CommitterInitContext context) {
        return new DatabaseSinkCommitter(uid, targets.describe(), new RowCodec(inputType), targets.open(), rejected.create(context.metricGroup()));
    }

    @Override
    public SimpleVersionedSerializer<RowBatch> getCommittableSerializer() {
        return new RowBatchSerializer();
    }

    @Override
    public SimpleVersionedSerializer<SinkWriterState> getWriterStateSerializer() {
        return new SinkWriterStateSerializer();
    }
}
