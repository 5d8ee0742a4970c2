package dev.tsflink.core.connector;

import java.util.Arrays;
import java.util.Objects;

/**
 * A source record whose value did not decode: the original key and value bytes, where they came
 * from and why they were refused. A Flink POJO (public fields, no-argument constructor) so it has a
 * real serializer.
 */
public final class DeadLetter {

    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record's timestamp, or -1 when it had none. */
    public long timestamp;
    public byte[] key;
    public byte[] value;
    public String reason;
    /** The {@code id} of the source node. */
    public String node;

    public DeadLetter() {}

    public DeadLetter(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, String reason, String node) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.reason = reason;
        this.node = node;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeadLetter d)) {
            return false;
        }
        return partition == d.partition && offset == d.offset && timestamp == d.timestamp
                && Objects.equals(topic, d.topic) && Arrays.equals(key, d.key) && Arrays.equals(value, d.value)
                && Objects.equals(reason, d.reason) && Objects.equals(node, d.node);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, reason, node);
    }

    @Override
    public String toString() {
        // No key or value bytes: they may hold personal data and end up in logs.
        return "DeadLetter{" + topic + "-" + partition + "@" + offset + " from " + node + ": " + reason + "}";
    }
}
