package dev.tsflink.core.sink;

/**
 * What makes a commit idempotent: the sink's uid, the writer subtask that produced the batch, the
 * run and the checkpoint. A database keeps, per (sink, subtask), the run and checkpoint of the last
 * batch it applied, in the same transaction (or script) as the batch; a batch that this stored
 * value covers was applied before and is skipped.
 *
 * <p>The run tells apart two jobs that reuse a sink uid: checkpoint ids restart at 1 when a job
 * starts without state, so a bare checkpoint id left by an earlier job would make the new job's
 * first commits look like replays. A run starts when a writer starts without restored state and
 * travels in the writer's state through every restore (failover, savepoint, rescaling).
 */
public record Fence(String sink, int subtask, String run, long checkpoint) {

    /** Whether a database that stored {@code (storedRun, storedCheckpoint)} already holds this batch. */
    public boolean appliedGiven(String storedRun, long storedCheckpoint) {
        return run.equals(storedRun) && storedCheckpoint >= checkpoint;
    }

    /** {@code <sink>/<subtask>}: the fence's key in stores that key by one string. */
    public String key() {
        return sink + "/" + subtask;
    }
}
