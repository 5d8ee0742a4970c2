package dev.tsflink.connector.postgres;

import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/** The record type the PostgreSQL tests write, and access to the real server they write it to. */
final class PostgresTestTables {

    static final String SCHEMA = "tsflink_connector_test";

    static final RecordType LINE = new RecordType("Line", List.of(
            new RecordField("sku", PrimitiveType.STRING), new RecordField("price", PrimitiveType.DOUBLE)));
    static final RecordType ORDER = new RecordType("Order", List.of(
            new RecordField("orderId", PrimitiveType.STRING),
            new RecordField("quantity", PrimitiveType.INT),
            new RecordField("amount", PrimitiveType.DOUBLE),
            new RecordField("paid", PrimitiveType.BOOLEAN),
            new RecordField("createdAt", TimestampType.INSTANCE),
            new RecordField("seq", PrimitiveType.LONG),
            new RecordField("coupon", new NullableType(PrimitiveType.STRING)),
            new RecordField("lines", new ArrayType(LINE)),
            new RecordField("attributes", new NullableType(new MapType(PrimitiveType.STRING)))));

    private PostgresTestTables() {}

    static Row order(String id, int quantity) {
        LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
        attributes.put("channel", "web");
        return Row.of(id, quantity, 10.5 * quantity, quantity % 2 == 0, 1_700_000_000_000L + quantity, (long) quantity * 1_000_000_000L,
                quantity % 2 == 0 ? null : "C" + quantity, new Row[] {Row.of("sku-" + quantity, 1.25)}, quantity % 3 == 0 ? null : attributes);
    }

    static Connection connect() throws SQLException {
        PostgresUrl url = PostgresUrl.parse(LocalServices.postgresUrl(), "PG_URL");
        return DriverManager.getConnection(url.jdbcUrl(), url.properties());
    }

    /** A new table of {@link #ORDER} in {@link #SCHEMA}, as `tsflink migrate` would create it; returns its name. */
    static PostgresTable create(List<String> key, String... extraSql) throws SQLException {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresTable table = PostgresTable.of(SCHEMA, name, ORDER, key);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + SCHEMA);
            s.execute(table.createSql());
            for (String sql : extraSql) {
                s.execute(sql.replace("$table", table.quotedName()));
            }
        }
        return table;
    }

    static void drop(PostgresTable table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table.quotedName());
        }
    }

    /** Removes a test sink's progress rows: the server is shared and keeps them. */
    static void deleteProgress(String sink) throws SQLException {
        try (Connection c = connect(); java.sql.PreparedStatement s = c.prepareStatement("delete from tsflink_sink_progress where sink = ?")) {
            s.setString(1, sink);
            s.executeUpdate();
        }
    }

    /** Every row as text, ordered by {@code order by}: what the tests compare exactly. */
    static List<String> rows(PostgresTable table, String orderBy) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select \"orderId\", quantity, amount, paid, (extract(epoch from \"createdAt\") * 1000)::bigint, seq, coupon,"
                     + " lines::text, attributes::text from " + table.quotedName() + " order by " + orderBy)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= 9; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    /** The progress row of a sink subtask: {@code run/checkpoint}, or null. */
    static String progress(String sink, int subtask) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select run, checkpoint from tsflink_sink_progress where sink = '" + sink
                     + "' and subtask = " + subtask)) {
            return rs.next() ? rs.getString(1) + "/" + rs.getLong(2) : null;
        }
    }
}
