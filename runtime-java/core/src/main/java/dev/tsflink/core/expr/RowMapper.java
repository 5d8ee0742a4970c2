package dev.tsflink.core.expr;

import org.apache.flink.types.Row;

/** What a generated map function implements. */
public interface RowMapper {
    Row map(Row row);
}
