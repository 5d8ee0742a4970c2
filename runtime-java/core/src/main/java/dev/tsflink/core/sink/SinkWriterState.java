package dev.tsflink.core.sink;

/**
 * A database sink writer's state: only its run (see {@link Fence}), since a writer holds no records
 * across a checkpoint (they leave it as that checkpoint's committable).
 */
public record SinkWriterState(String run) {}
