package dev.tsflink.connector.postgres;

import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A sink's table and the SQL that writes it: identifiers validated and double-quoted, values only
 * ever as {@code ?} parameters.
 *
 * @param schema null for the connection's search path
 * @param key    the upsert key's columns; empty in append mode
 */
public record PostgresTable(String schema, String table, List<PostgresColumn> columns, List<String> key) implements Serializable {

    private static final Pattern TABLE_PART = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public PostgresTable {
        if (schema != null && !TABLE_PART.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '" + schema + "' is not ^[a-z_][a-z0-9_]{0,62}$");
        }
        if (!TABLE_PART.matcher(table).matches()) {
            throw new IllegalArgumentException("table '" + table + "' is not ^[a-z_][a-z0-9_]{0,62}$");
        }
        List<String> names = columns.stream().map(PostgresColumn::name).toList();
        for (String name : names) {
            if (!COLUMN.matcher(name).matches()) {
                throw new IllegalArgumentException("column '" + name + "' is not ^[A-Za-z_][A-Za-z0-9_]{0,62}$");
            }
        }
        for (String k : key) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("key '" + k + "' is not a column of " + table);
            }
        }
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    /** The table of a record type: one column per field, in declaration order. */
    public static PostgresTable of(String schema, String table, RecordType record, List<String> key) {
        List<PostgresColumn> columns = new ArrayList<>();
        for (RecordField f : record.fields()) {
            columns.add(new PostgresColumn(f.name(), f.type()));
        }
        return new PostgresTable(schema, table, columns, key);
    }

    static String quote(String identifier) {
        // Validated identifiers hold no quote; doubling one would still be the right escape.
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"} or {@code "table"}. */
    public String quotedName() {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** {@code schema.table} or {@code table}, for messages. */
    public String displayName() {
        return schema == null ? table : schema + "." + table;
    }

    public boolean upsert() {
        return !key.isEmpty();
    }

    /**
     * {@code INSERT INTO … VALUES (?, …)}; in upsert mode followed by {@code ON CONFLICT (key) DO
     * UPDATE SET} every other column to the new row's value ({@code DO NOTHING} when every column is
     * in the key).
     */
    public String insertSql() {
        String names = columns.stream().map(PostgresColumn::quotedName).collect(Collectors.joining(", "));
        String params = String.join(", ", Collections.nCopies(columns.size(), "?"));
        String sql = "insert into " + quotedName() + " (" + names + ") values (" + params + ")";
        if (!upsert()) {
            return sql;
        }
        String conflict = key.stream().map(PostgresTable::quote).collect(Collectors.joining(", "));
        List<String> updates = columns.stream().filter(c -> !key.contains(c.name()))
                .map(c -> c.quotedName() + " = excluded." + c.quotedName()).toList();
        return sql + " on conflict (" + conflict + ") do " + (updates.isEmpty() ? "nothing" : "update set " + String.join(", ", updates));
    }

    /** The table as {@code tsflink migrate} creates it (README: postgres-sink column types). */
    public String createSql() {
        List<String> lines = new ArrayList<>();
        for (PostgresColumn c : columns) {
            lines.add("  " + c.quotedName() + " " + c.sqlType() + (c.nullable() ? "" : " not null"));
        }
        if (upsert()) {
            lines.add("  primary key (" + key.stream().map(PostgresTable::quote).collect(Collectors.joining(", ")) + ")");
        }
        return "create table " + quotedName() + " (\n" + String.join(",\n", lines) + "\n)";
    }
}
