package dev.tsflink.core.graph;

import java.io.Serializable;
import java.util.List;

/**
 * A {@code redis-sink}: for each input record, {@code key} names a Redis key and {@code value}
 * says what is written there; {@code ttlMs} (null: none) is set as the key's expiry on each write.
 */
public record RedisSinkNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        DatabaseSinkSpec sink,
        SinkFunction key,
        Value value,
        Long ttlMs)
        implements Node.DatabaseSinkNode {

    /** What a record writes at its key. */
    public sealed interface Value extends Serializable {}

    /** {@code SET key value}: the function's string, or JSON of the record it returns. */
    public record StringValue(SinkFunction fn) implements Value {}

    /** {@code HSET key field value …}: the fields of the record the function returns, as {@code String(x)}. */
    public record HashValue(SinkFunction fn) implements Value {}

    /** {@code ZADD key score member}. */
    public record SortedSetValue(SinkFunction member, SinkFunction score) implements Value {}
}
