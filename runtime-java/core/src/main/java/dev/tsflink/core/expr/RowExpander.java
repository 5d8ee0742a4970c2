package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/** What a generated flat-map function implements: the rows to emit, in order. */
public interface RowExpander {
    Object[] expand(Row row);
}
