package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/** What a generated filter function implements. */
public interface RowPredicate {
    boolean test(Row row);
}
