package dev.tsflink.connector.mongo;

import dev.tsflink.core.graph.MongoSinkNode;
import dev.tsflink.core.sink.DatabaseSink;
import dev.tsflink.core.sink.RejectedRecordsFactory;

/** The Flink sink of a {@code mongo-sink} node. */
public final class MongoSinks {

    private MongoSinks() {}

    /**
     * @param uri      the resolved value of the node's connection variable ({@code MONGODB_URI});
     *                 its path names the database ({@code tsflink} when it has none)
     * @param rejected where documents the server refuses (or that have no {@code _id}) go
     */
    public static DatabaseSink create(MongoSinkNode node, String uri, RejectedRecordsFactory rejected) {
        return new DatabaseSink(node.uid(), node.sink().inputType(), node.sink().exactlyOnce(), node.sink().batchSize(),
                new MongoSinkTargetFactory(uri, MongoSinkSpec.of(node), node.sink().batchSize(), node.uid()), rejected);
    }
}
