package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/**
 * What a generated database-sink function implements ({@code documentId}, a Redis key or value):
 * the value, boxed as a row holds it, or null.
 */
public interface ValueFunction {
    Object apply(Row row);
}
