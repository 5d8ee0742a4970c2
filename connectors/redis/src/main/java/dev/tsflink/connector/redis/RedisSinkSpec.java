package dev.tsflink.connector.redis;

import dev.tsflink.connector.redis.RedisRecordCommands.Kind;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.graph.RedisSinkNode;
import dev.tsflink.core.types.RecordType;

import java.io.Serializable;

/**
 * A {@code redis-sink}'s functions as generated source (compiled where the committer runs) and the
 * record type of a hash or JSON string value.
 *
 * @param score       null unless {@code kind} is {@link Kind#ZSET}
 * @param valueRecord the record the value function returns (hash; string of a record), else null
 * @param ttlMs       null for no expiry
 */
record RedisSinkSpec(Kind kind, GeneratedFunction key, GeneratedFunction value, GeneratedFunction score,
                     RecordType valueRecord, Long ttlMs) implements Serializable {

    static RedisSinkSpec of(RedisSinkNode node) {
        GeneratedFunction key = node.key().code();
        RedisSinkNode.Value v = node.value();
        if (v instanceof RedisSinkNode.StringValue s) {
            return new RedisSinkSpec(Kind.STRING, key, s.fn().code(), null,
                    s.fn().returnType().nonNull() instanceof RecordType r ? r : null, node.ttlMs());
        }
        if (v instanceof RedisSinkNode.HashValue h) {
            return new RedisSinkSpec(Kind.HASH, key, h.fn().code(), null,
                    (RecordType) h.fn().returnType().nonNull(), node.ttlMs());
        }
        RedisSinkNode.SortedSetValue z = (RedisSinkNode.SortedSetValue) v;
        return new RedisSinkSpec(Kind.ZSET, key, z.member().code(),
                z.score().code(), null, node.ttlMs());
    }
}
