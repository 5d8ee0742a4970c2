package dev.tsflink.connector.redis;

import dev.tsflink.core.sink.SinkTarget;
import dev.tsflink.core.sink.SinkTargetFactory;

/** What each writer and committer of a {@code redis-sink} needs to open its connection. */
final class RedisSinkTargetFactory implements SinkTargetFactory {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final RedisSinkSpec spec;
    private final int batchSize;
    private final String sinkUid;

    RedisSinkTargetFactory(String url, RedisSinkSpec spec, int batchSize, String sinkUid) {
        this.url = url;
        this.spec = spec;
        this.batchSize = batchSize;
        this.sinkUid = sinkUid;
    }

    @Override
    public SinkTarget open() {
        return new RedisSinkTarget(url, spec, batchSize, "tsflink-" + sinkUid.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    @Override
    public String describe() {
        return "Redis (sink " + sinkUid + ")";
    }

    @Override
    public String toString() {
        // Never the URL: it may carry a password.
        return describe();
    }
}
