package dev.tsflink.core.operators;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record an operator's function failed on: the JSON of the record (or of the pair or timer that
 * failed), which operator, where in the TypeScript source, and why. A Flink POJO (public fields,
 * no-argument constructor) so it has a real serializer.
 */
public final class OperatorDeadLetter {

    /** The {@code id} of the node. */
    public String node;
    /** The node's kind: {@code map}, {@code reduce}, {@code window-join}… */
    public String operator;
    /** {@code file:line:col} of the node in the TypeScript source. */
    public String location;
    public String reason;
    /** UTF-8 JSON, as a {@code kafka-sink} writes a record. */
    public byte[] value;
    /** The Flink timestamp of what failed, or null when it had none. */
    public Long timestamp;

    public OperatorDeadLetter() {}

    public OperatorDeadLetter(String node, String operator, String location, String reason, byte[] value, Long timestamp) {
        this.node = node;
        this.operator = operator;
        this.location = location;
        this.reason = reason;
        this.value = value;
        this.timestamp = timestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OperatorDeadLetter d)) {
            return false;
        }
        return Objects.equals(node, d.node) && Objects.equals(operator, d.operator) && Objects.equals(location, d.location)
                && Objects.equals(reason, d.reason) && Arrays.equals(value, d.value) && Objects.equals(timestamp, d.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, reason, timestamp);
    }

    @Override
    public String toString() {
        // No value: it may hold personal data and end up in logs.
        return "OperatorDeadLetter{" + operator + " '" + node + "' at " + location + ": " + reason + "}";
    }
}
