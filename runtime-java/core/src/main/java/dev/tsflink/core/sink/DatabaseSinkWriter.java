package dev.tsflink.core.sink;

import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The writer of a database sink.
 *
 * <p>Exactly-once: it only buffers. Each checkpoint's records leave it, serialized, as one
 * {@link RowBatch} that the committer applies once the checkpoint is complete. The batch is labelled
 * with the checkpoint after the last one this writer snapshotted: the writer is not told the id of
 * the checkpoint it prepares, but labels so chosen increase strictly from batch to batch, also
 * across restores (a restored writer starts after the restored checkpoint), and a replayed batch
 * keeps its label because it comes back from the checkpoint, which is all the fence needs.
 *
 * <p>At-least-once: it writes every {@code batchSize} records and on every flush (each checkpoint
 * and the end of input), without a fence, retrying while the database is unavailable.
 */
public final class DatabaseSinkWriter implements CommittingSinkWriter<Row, RowBatch>, StatefulSinkWriter<Row, SinkWriterState> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSinkWriter.class);

    private final RowCodec codec;
    private final boolean exactlyOnce;
    private final int batchSize;
    private final String run;
    private final int subtask;
    private long lastSnapshotCheckpoint;

    private final DataOutputSerializer buffer = new DataOutputSerializer(4096);
    private int buffered;

    private final List<Row> pending = new ArrayList<>();
    private final SinkTarget target;
    private final RejectedRecords rejected;
    private final Backoff backoff;

    /**
     * @param lastCheckpoint the checkpoint the job was restored from, or 0
     * @param target         null in exactly-once mode (the committer writes); opened lazily by it
     * @param rejected       null in exactly-once mode
     */
    DatabaseSinkWriter(RowCodec codec, boolean exactlyOnce, int batchSize, String run, int subtask, long lastCheckpoint,
                       SinkTarget target, RejectedRecords rejected, String description) {
        this.codec = codec;
        this.exactlyOnce = exactlyOnce;
        this.batchSize = batchSize;
        this.run = run;
        this.subtask = subtask;
        this.lastSnapshotCheckpoint = lastCheckpoint;
        this.target = target;
        this.rejected = rejected;
        this.backoff = new Backoff(LOG, "write to " + description + " (subtask " + subtask + ")");
    }

    @Override
    public void write(Row row, Context context) throws InterruptedException {
        if (exactlyOnce) {
            codec.write(row, buffer);
            buffered++;
            return;
        }
        pending.add(codec.copy(row));
        if (pending.size() >= batchSize) {
            writePending();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!exactlyOnce) {
            writePending();
        }
    }

    private void writePending() throws InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        List<Row> rows = List.copyOf(pending);
        backoff.run(() -> {
            target.write(rows, rejected);
            return null;
        });
        pending.clear();
    }

    @Override
    public Collection<RowBatch> prepareCommit() {
        if (buffered == 0) {
            return List.of();
        }
        RowBatch batch = new RowBatch(run, subtask, lastSnapshotCheckpoint + 1, buffered, buffer.getCopyOfBuffer());
        buffer.clear();
        buffered = 0;
        return List.of(batch);
    }

    @Override
    public List<SinkWriterState> snapshotState(long checkpointId) {
        lastSnapshotCheckpoint = checkpointId;
        return List.of(new SinkWriterState(run));
    }

    /** Failed write attempts so far (at-least-once). */
    long retries() {
        return backoff.retries();
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
        if (rejected != null) {
            rejected.close();
        }
    }
}
