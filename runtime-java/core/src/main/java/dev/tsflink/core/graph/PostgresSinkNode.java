package dev.tsflink.core.graph;

import java.util.List;

/**
 * A {@code postgres-sink}: the input records as rows of {@code schema.table} (schema null: the
 * connection's search path), one column per field. {@code upsert} mode inserts or updates on
 * {@code key}, {@code append} mode inserts.
 */
public record PostgresSinkNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        DatabaseSinkSpec sink,
        String schema,
        String table,
        Mode mode,
        List<String> key)
        implements Node.DatabaseSinkNode {

    public enum Mode {
        UPSERT,
        APPEND
    }

    /** The table as the graph writes it: {@code name} or {@code schema.name}. */
    public String qualifiedTable() {
        return schema == null ? table : schema + "." + table;
    }
}
