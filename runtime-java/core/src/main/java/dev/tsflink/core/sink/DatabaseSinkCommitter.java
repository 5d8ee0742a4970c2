package dev.tsflink.core.sink;

import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;

/**
 * Applies a database sink's batches once their checkpoint is complete, each together with its fence,
 * so one that was applied before a failure is skipped. While the database is unavailable it keeps
 * retrying with {@link Backoff}: Flink's own committer retries are immediate and few, and a batch
 * that is given up is a batch lost. The task waits meanwhile, which holds the job back
 * (backpressure) without failing it.
 */
public final class DatabaseSinkCommitter implements Committer<RowBatch> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSinkCommitter.class);

    private final String sinkUid;
    private final String description;
    private final RowCodec codec;
    private final SinkTarget target;
    private final RejectedRecords rejected;
    private final Backoff backoff;
    private long applied;
    private long skipped;

    DatabaseSinkCommitter(String sinkUid, String description, RowCodec codec, SinkTarget target, RejectedRecords rejected) {
        this.sinkUid = sinkUid;
        this.description = description;
        this.codec = codec;
        this.target = target;
        this.rejected = rejected;
        this.backoff = new Backoff(LOG, "commit to " + description);
    }

    @Override
    public void commit(Collection<CommitRequest<RowBatch>> requests) throws IOException, InterruptedException {
        for (CommitRequest<RowBatch> request : requests) {
            RowBatch batch = request.getCommittable();
            Fence fence = batch.fence(sinkUid);
            var rows = codec.fromBytes(batch.rows(), batch.count());
            try {
                boolean wrote = backoff.run(() -> target.commit(fence, rows, rejected));
                if (wrote) {
                    applied++;
                } else {
                    skipped++;
                    // A replay after a failure: expected, and worth a line when reading a recovery.
                    LOG.info("{}: {} was committed before; skipped", description, batch);
                }
            } catch (RuntimeException e) {
                // Not a database outage: a table that does not fit, a bug. Fails the job with the cause.
                request.signalFailedWithUnknownReason(e);
            }
        }
    }

    /** Batches this committer applied, and batches it skipped as already applied. */
    long applied() {
        return applied;
    }

    long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        target.close();
        rejected.close();
    }
}
