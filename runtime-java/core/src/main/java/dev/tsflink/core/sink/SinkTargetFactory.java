package dev.tsflink.core.sink;

import java.io.Serializable;

/**
 * Everything a sink's database connection needs, shipped with the job: each writer and committer
 * opens its own {@link SinkTarget} with it. Implementations hold the resolved connection string,
 * which may carry credentials, so their {@code toString} must never print it.
 */
public interface SinkTargetFactory extends Serializable {

    SinkTarget open();

    /** What the sink writes to, for log lines: {@code PostgreSQL table public.orders}. */
    String describe();
}
