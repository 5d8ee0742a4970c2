package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/** What a generated key function implements: the key, boxed, never null, -0 read as 0. */
public interface KeyFunction {
    Object key(Row row);
}
