package dev.tsflink.connector.mongo;

import dev.tsflink.core.sink.SinkTarget;
import dev.tsflink.core.sink.SinkTargetFactory;

/** What each writer and committer of a {@code mongo-sink} needs to open its connection. */
final class MongoSinkTargetFactory implements SinkTargetFactory {

    private static final long serialVersionUID = 1L;

    private final String uri;
    private final MongoSinkSpec spec;
    private final int batchSize;
    private final String sinkUid;

    MongoSinkTargetFactory(String uri, MongoSinkSpec spec, int batchSize, String sinkUid) {
        this.uri = uri;
        this.spec = spec;
        this.batchSize = batchSize;
        this.sinkUid = sinkUid;
    }

    @Override
    public SinkTarget open() {
        return new MongoSinkTarget(uri, spec, batchSize, "tsflink " + sinkUid);
    }

    @Override
    public String describe() {
        return "MongoDB collection " + spec.collection();
    }

    @Override
    public String toString() {
        // Never the URI: it may carry a password.
        return describe();
    }
}
