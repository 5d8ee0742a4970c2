package dev.tsflink.harness.testkit;

import java.io.Serializable;

/**
 * One record of an in-memory source: what a Kafka consumer would see, plus whether the value is a
 * JSON object standing for a record of the source's type (the test kit's typed inputs) rather than
 * bytes in the source's own format.
 */
public record InMemoryRecord(byte[] key, byte[] value, long timestamp, boolean json) implements Serializable {

    /** Bytes as they would arrive from Kafka, decoded with the source's own format. */
    public static InMemoryRecord raw(byte[] key, byte[] value, long timestamp) {
        return new InMemoryRecord(key, value, timestamp, false);
    }

    /**
     * A JSON object, decoded as a JSON source decodes it whatever the source's format, so its types
     * are checked by the production JSON rules. No key, and no Kafka timestamp (-1).
     */
    public static InMemoryRecord json(byte[] value) {
        return new InMemoryRecord(null, value, -1, true);
    }
}
