package dev.tsflink.connector.redis;

import dev.tsflink.core.graph.RedisSinkNode;
import dev.tsflink.core.sink.DatabaseSink;
import dev.tsflink.core.sink.RejectedRecordsFactory;

/** The Flink sink of a {@code redis-sink} node. */
public final class RedisSinks {

    private RedisSinks() {}

    /**
     * @param url      the resolved value of the node's connection variable ({@code REDIS_URL})
     * @param rejected where records Redis refuses (or whose key or value cannot be computed) go
     */
    public static DatabaseSink create(RedisSinkNode node, String url, RejectedRecordsFactory rejected) {
        return new DatabaseSink(node.uid(), node.sink().inputType(), node.sink().exactlyOnce(), node.sink().batchSize(),
                new RedisSinkTargetFactory(url, RedisSinkSpec.of(node), node.sink().batchSize(), node.uid()), rejected);
    }
}
