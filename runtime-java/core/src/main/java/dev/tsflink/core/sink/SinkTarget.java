package dev.tsflink.core.sink;

import org.apache.flink.types.Row;

import java.util.List;

/**
 * One connection to a sink's database, as a writer or committer uses it. Implementations connect
 * lazily and reconnect after a failure, so a database that is down when the job starts only delays
 * the first write.
 */
public interface SinkTarget extends AutoCloseable {

    /**
     * Applies {@code rows} exactly once: in one transaction (or atomic script) with the fence,
     * unless the stored fence shows this batch was applied before. Rows the database refuses for
     * what they are go to {@code rejected}, which is flushed before the transaction commits; the
     * other rows are applied.
     *
     * @return false when the batch had been applied and nothing was written
     * @throws SinkUnavailableException when the batch must be tried again; nothing of it may have
     *     been committed then, or what was is applied again harmlessly (idempotent upserts)
     */
    boolean commit(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException;

    /** Writes {@code rows} without a fence (at-least-once); rejected rows as in {@link #commit}. */
    void write(List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException;

    /** Closes the connection; never throws, since it runs while a task is being torn down. */
    @Override
    void close();
}
