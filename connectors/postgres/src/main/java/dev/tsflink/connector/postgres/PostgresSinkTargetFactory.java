package dev.tsflink.connector.postgres;

import dev.tsflink.core.sink.SinkTarget;
import dev.tsflink.core.sink.SinkTargetFactory;

/** What each writer and committer of a {@code postgres-sink} needs to open its connection. */
public final class PostgresSinkTargetFactory implements SinkTargetFactory {

    private static final long serialVersionUID = 1L;

    private final PostgresUrl url;
    private final PostgresTable table;
    private final int batchSize;
    private final String sinkUid;

    public PostgresSinkTargetFactory(PostgresUrl url, PostgresTable table, int batchSize, String sinkUid) {
        this.url = url;
        this.table = table;
        this.batchSize = batchSize;
        this.sinkUid = sinkUid;
    }

    public PostgresTable table() {
        return table;
    }

    @Override
    public SinkTarget open() {
        return new PostgresSinkTarget(url, table, batchSize, "tsflink " + sinkUid);
    }

    @Override
    public String describe() {
        return "PostgreSQL table " + table.displayName();
    }

    @Override
    public String toString() {
        return describe() + " at " + url;
    }
}
