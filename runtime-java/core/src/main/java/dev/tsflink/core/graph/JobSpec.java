package dev.tsflink.core.graph;

import java.io.Serializable;

/**
 * The job-level settings of a graph.
 *
 * @param deadLetter where the records an operator's function fails on go, or null: they are then
 *     counted and logged only (README: Job)
 */
public record JobSpec(String name, int parallelism, CheckpointSpec checkpoint, RestartSpec restart, KafkaSinkSpec deadLetter)
        implements Serializable {

    /** {@code intervalMs} 0 switches checkpointing off (see the README's Job section). */
    public record CheckpointSpec(long intervalMs, boolean exactlyOnce, long timeoutMs, long minPauseMs)
            implements Serializable {
        public boolean enabled() {
            return intervalMs > 0;
        }
    }

    /** {@code fixed-delay}, the only strategy of v1. */
    public record RestartSpec(int attempts, long delayMs) implements Serializable {}
}
