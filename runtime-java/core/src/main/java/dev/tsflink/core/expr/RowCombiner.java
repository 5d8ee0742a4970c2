package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/** What a generated function of two records implements (reduce, interval join, window join). */
public interface RowCombiner {
    Row combine(Row left, Row right);
}
