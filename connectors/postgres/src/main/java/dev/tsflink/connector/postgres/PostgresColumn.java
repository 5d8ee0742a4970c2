package dev.tsflink.connector.postgres;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.postgresql.util.PGobject;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One column of a sink's table: a field of the input record, its PostgreSQL type (README's table:
 * text, double precision, integer, bigint, boolean, timestamptz, jsonb) and how its value is bound.
 */
public record PostgresColumn(String name, DataType type) implements Serializable {

    /** The column type as {@code format_type} prints it, as {@code tsflink migrate} creates it. */
    public String sqlType() {
        DataType t = type.nonNull();
        if (t instanceof RecordType || t instanceof ArrayType || t instanceof MapType) {
            return "jsonb";
        }
        if (t instanceof EnumType) {
            return "text";
        }
        if (t instanceof TimestampType) {
            return "timestamp with time zone";
        }
        return switch ((PrimitiveType) t) {
            case STRING, NULL -> "text";
            case DOUBLE -> "double precision";
            case INT -> "integer";
            case LONG -> "bigint";
            case BOOLEAN -> "boolean";
        };
    }

    public boolean nullable() {
        return type instanceof NullableType || type == PrimitiveType.NULL;
    }

    /** {@code "name"}: field names are identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}), so quoting keeps their case. */
    public String quotedName() {
        return PostgresTable.quote(name);
    }

    /** Binds values of this column to statement parameters. */
    public Binder binder() {
        DataType t = type.nonNull();
        if (t instanceof RecordType || t instanceof ArrayType || t instanceof MapType) {
            JsonRowEncoder.ValueWriter json = JsonRowEncoder.valueWriter(t);
            return (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.OTHER);
                } else {
                    PGobject jsonb = new PGobject();
                    jsonb.setType("jsonb");
                    jsonb.setValue(json.toJson(v));
                    ps.setObject(i, jsonb);
                }
            };
        }
        if (t instanceof EnumType) {
            return text();
        }
        if (t instanceof TimestampType) {
            return (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(i, OffsetDateTime.ofInstant(Instant.ofEpochMilli((Long) v), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                }
            };
        }
        return switch ((PrimitiveType) t) {
            case STRING, NULL -> text();
            case DOUBLE -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.DOUBLE);
                } else {
                    ps.setDouble(i, (Double) v);
                }
            };
            case INT -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.INTEGER);
                } else {
                    ps.setInt(i, (Integer) v);
                }
            };
            case LONG -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.BIGINT);
                } else {
                    ps.setLong(i, (Long) v);
                }
            };
            case BOOLEAN -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.BOOLEAN);
                } else {
                    ps.setBoolean(i, (Boolean) v);
                }
            };
        };
    }

    private static Binder text() {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.VARCHAR);
            } else {
                ps.setString(i, (String) v);
            }
        };
    }

    /** Sets parameter {@code index} (1-based) to a row's value of the column. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int index, Object value) throws SQLException;
    }
}
