package dev.tsflink.connector.postgres;

import dev.tsflink.core.graph.PostgresSinkNode;
import dev.tsflink.core.sink.DatabaseSink;
import dev.tsflink.core.sink.RejectedRecordsFactory;

/** The Flink sink of a {@code postgres-sink} node. */
public final class PostgresSinks {

    private PostgresSinks() {}

    /**
     * @param url      the resolved value of the node's connection variable ({@code PG_URL})
     * @param rejected where rows PostgreSQL refuses go
     */
    public static DatabaseSink create(PostgresSinkNode node, String url, RejectedRecordsFactory rejected) {
        PostgresTable table = PostgresTable.of(node.schema(), node.table(), node.sink().inputType(), node.key());
        PostgresUrl parsed = PostgresUrl.parse(url, node.sink().connection().env());
        return new DatabaseSink(node.uid(), node.sink().inputType(), node.sink().exactlyOnce(), node.sink().batchSize(),
                new PostgresSinkTargetFactory(parsed, table, node.sink().batchSize(), node.uid()), rejected);
    }
}
