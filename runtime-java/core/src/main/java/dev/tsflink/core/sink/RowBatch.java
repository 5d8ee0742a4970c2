package dev.tsflink.core.sink;

import java.util.Arrays;
import java.util.Objects;

/**
 * The committable of a database sink: the records one writer subtask received during one
 * checkpoint, serialized, with the fence that makes applying them idempotent. It carries the
 * records themselves because the committer may apply it after a restart, from the checkpoint.
 */
public final class RowBatch {

    private final String run;
    private final int subtask;
    private final long checkpoint;
    private final int count;
    private final byte[] rows;

    /**
     * @param rows {@code count} rows, each written by the sink's row serializer (see {@link RowCodec})
     */
    public RowBatch(String run, int subtask, long checkpoint, int count, byte[] rows) {
        this.run = Objects.requireNonNull(run, "run");
        this.subtask = subtask;
        this.checkpoint = checkpoint;
        this.count = count;
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    public String run() {
        return run;
    }

    public int subtask() {
        return subtask;
    }

    public long checkpoint() {
        return checkpoint;
    }

    public int count() {
        return count;
    }

    public byte[] rows() {
        return rows;
    }

    public Fence fence(String sinkUid) {
        return new Fence(sinkUid, subtask, run, checkpoint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowBatch b && subtask == b.subtask && checkpoint == b.checkpoint && count == b.count
                && run.equals(b.run) && Arrays.equals(rows, b.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(run, subtask, checkpoint, count);
    }

    @Override
    public String toString() {
        // Never the rows: they may hold personal data and this ends up in logs.
        return "RowBatch{run=" + run + ", subtask=" + subtask + ", checkpoint=" + checkpoint + ", rows=" + count + "}";
    }
}
