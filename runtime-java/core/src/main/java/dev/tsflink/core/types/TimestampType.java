package dev.tsflink.core.types;

/** {@code {"type":"long","logicalType":"timestamp-millis"}}: epoch milliseconds in a {@code Long}. */
public record TimestampType() implements DataType {

    public static final TimestampType INSTANCE = new TimestampType();

    @Override
    public String describe() {
        return "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}";
    }
}
