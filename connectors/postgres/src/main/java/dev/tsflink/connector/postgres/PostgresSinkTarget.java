package dev.tsflink.connector.postgres;

import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.sink.SinkTarget;
import dev.tsflink.core.sink.SinkUnavailableException;
import org.apache.flink.types.Row;
import org.postgresql.Driver;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Writes a sink's rows to its table over one JDBC connection.
 *
 * <p>A commit is one transaction: it locks the sink subtask's row of {@value #PROGRESS} (created
 * there if missing), returns without writing when that row shows the batch applied, else inserts
 * the rows in batches of {@code batchSize} statements and updates the row. A row PostgreSQL refuses
 * for what it is (SQLSTATE class 22 data exception, 23 integrity constraint, 54000 a size limit)
 * makes the transaction start again with a savepoint around each batch, and then around each row
 * of a batch that fails, so that row alone is rejected and the rest commit. Connection failures and
 * server shutdowns are {@link SinkUnavailableException}s: the connection is dropped and the next
 * attempt reconnects; any other error (a missing table or column, a permission) fails the job.
 */
final class PostgresSinkTarget implements SinkTarget {

    static final String PROGRESS = "tsflink_sink_progress";

    private static final String CREATE_PROGRESS = "create table if not exists " + PROGRESS
            + " (sink text not null, subtask integer not null, checkpoint bigint not null, run text not null default '',"
            + " primary key (sink, subtask))";
    private static final String HAS_RUN_COLUMN = "select count(*) from pg_attribute where attrelid = to_regclass('" + PROGRESS
            + "') and attname = 'run' and not attisdropped";
    /** A progress table created by an older `tsflink migrate` lacks the run: added, empty for its rows. */
    private static final String ADD_RUN_COLUMN = "alter table " + PROGRESS + " add column if not exists run text not null default ''";
    private static final String CLAIM_FENCE = "insert into " + PROGRESS
            + " (sink, subtask, checkpoint, run) values (?, ?, 0, '') on conflict (sink, subtask) do nothing";
    private static final String LOCK_FENCE = "select run, checkpoint from " + PROGRESS + " where sink = ? and subtask = ? for update";
    private static final String ADVANCE_FENCE = "update " + PROGRESS + " set checkpoint = ?, run = ? where sink = ? and subtask = ?";

    private static final Driver DRIVER = new Driver();

    private final PostgresUrl url;
    private final PostgresTable table;
    private final int batchSize;
    private final String applicationName;
    private final PostgresColumn.Binder[] binders;

    private Connection connection;
    private PreparedStatement insert;
    private boolean progressTableChecked;

    PostgresSinkTarget(PostgresUrl url, PostgresTable table, int batchSize, String applicationName) {
        this.url = url;
        this.table = table;
        this.batchSize = batchSize;
        this.applicationName = applicationName;
        this.binders = table.columns().stream().map(PostgresColumn::binder).toArray(PostgresColumn.Binder[]::new);
    }

    /** A row PostgreSQL refused; the transaction is restarted with savepoints to find every such row. */
    private static final class RowRefused extends Exception {
        private static final long serialVersionUID = 1L;

        RowRefused(SQLException cause) {
            super(cause);
        }
    }

    @Override
    public boolean commit(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        try {
            try {
                return commitOnce(fence, rows, rejected, false);
            } catch (RowRefused e) {
                rollback();
                return commitOnce(fence, rows, rejected, true);
            }
        } catch (SQLException e) {
            throw failure(e, "commit");
        } catch (RowRefused e) {
            throw new IllegalStateException("PostgreSQL refused a row outside a savepoint", e.getCause());
        } catch (SinkUnavailableException e) {
            rollback();
            throw e;
        }
    }

    private boolean commitOnce(Fence fence, List<Row> rows, RejectedRecords rejected, boolean isolateRows)
            throws SQLException, RowRefused, SinkUnavailableException {
        Connection c = connection();
        try (PreparedStatement claim = c.prepareStatement(CLAIM_FENCE); PreparedStatement lock = c.prepareStatement(LOCK_FENCE)) {
            claim.setString(1, fence.sink());
            claim.setInt(2, fence.subtask());
            claim.executeUpdate();
            lock.setString(1, fence.sink());
            lock.setInt(2, fence.subtask());
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (fence.appliedGiven(rs.getString(1), rs.getLong(2))) {
                    c.rollback();
                    return false;
                }
            }
        }
        insertRows(c, rows, rejected, isolateRows);
        try (PreparedStatement advance = c.prepareStatement(ADVANCE_FENCE)) {
            advance.setLong(1, fence.checkpoint());
            advance.setString(2, fence.run());
            advance.setString(3, fence.sink());
            advance.setInt(4, fence.subtask());
            advance.executeUpdate();
        }
        rejected.flush();
        c.commit();
        return true;
    }

    @Override
    public void write(List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        try {
            try {
                insertRows(connection(), rows, rejected, false);
            } catch (RowRefused e) {
                rollback();
                insertRows(connection(), rows, rejected, true);
            }
            rejected.flush();
            connection.commit();
        } catch (SQLException e) {
            throw failure(e, "write");
        } catch (RowRefused e) {
            throw new IllegalStateException("PostgreSQL refused a row outside a savepoint", e.getCause());
        } catch (SinkUnavailableException e) {
            rollback();
            throw e;
        }
    }

    private void insertRows(Connection c, List<Row> rows, RejectedRecords rejected, boolean isolateRows) throws SQLException, RowRefused {
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            if (!isolateRows) {
                executeBatch(batch);
                continue;
            }
            Savepoint beforeBatch = c.setSavepoint();
            try {
                executeBatch(batch);
                c.releaseSavepoint(beforeBatch);
            } catch (RowRefused e) {
                c.rollback(beforeBatch);
                for (Row row : batch) {
                    Savepoint beforeRow = c.setSavepoint();
                    try {
                        bind(row);
                        insert.executeUpdate();
                        c.releaseSavepoint(beforeRow);
                    } catch (SQLException refused) {
                        if (!isRowError(refused)) {
                            throw refused;
                        }
                        c.rollback(beforeRow);
                        rejected.reject(row, reason(refused));
                    }
                }
            }
        }
    }

    private void executeBatch(List<Row> batch) throws SQLException, RowRefused {
        try {
            for (Row row : batch) {
                bind(row);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            insert.clearBatch();
            if (isRowError(e)) {
                throw new RowRefused(e);
            }
            throw e;
        }
    }

    private void bind(Row row) throws SQLException {
        for (int i = 0; i < binders.length; i++) {
            binders[i].bind(insert, i + 1, row.getField(i));
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties props = url.properties();
            props.putIfAbsent("ApplicationName", applicationName);
            props.putIfAbsent("connectTimeout", "10");
            props.putIfAbsent("socketTimeout", "120");
            props.putIfAbsent("tcpKeepAlive", "true");
            // One multi-row INSERT per JDBC batch instead of one statement per row. Not for upserts:
            // a multi-row ON CONFLICT DO UPDATE refuses a batch holding one key twice ("cannot
            // affect row a second time"), which row-by-row statements apply in order.
            if (!table.upsert()) {
                props.putIfAbsent("reWriteBatchedInserts", "true");
            }
            // The driver directly, not DriverManager: in Flink the driver sits in the job's class
            // loader, where DriverManager's service lookup does not see it.
            Connection c = DRIVER.connect(url.jdbcUrl(), props);
            try {
                c.setAutoCommit(false);
                if (!progressTableChecked) {
                    ensureProgressTable(c);
                    progressTableChecked = true;
                }
                insert = c.prepareStatement(table.insertSql());
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /**
     * Creates the progress table when {@code tsflink migrate} has not. Several subtasks may race to
     * create it; the loser sees a unique violation on the catalog and finds the table on its retry.
     */
    private static void ensureProgressTable(Connection c) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute(CREATE_PROGRESS);
                try (ResultSet rs = s.executeQuery(HAS_RUN_COLUMN)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        s.execute(ADD_RUN_COLUMN);
                    }
                }
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                boolean raced = "23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState());
                if (!raced || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    static boolean isRowError(SQLException e) {
        String state = state(e);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.equals("54000"));
    }

    /** Connection trouble, shutdowns, lack of resources, conflicts with other transactions: worth retrying. */
    static boolean isUnavailable(SQLException e) {
        String state = state(e);
        if (state == null) {
            return true;
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58") || state.equals("55P03") || state.equals("55006") || state.equals("25P03");
    }

    /** The SQLSTATE of the statement that failed: a batch reports it on its next exception. */
    private static String state(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException().getSQLState();
        }
        return e.getSQLState();
    }

    /** Why a row was refused: PostgreSQL's message (which names the constraint or the value's problem). */
    static String reason(SQLException e) {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "PostgreSQL " + cause.getSQLState() + ": " + message.lines().findFirst().orElse("");
    }

    private RuntimeException failure(SQLException e, String what) throws SinkUnavailableException {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String message = "PostgreSQL " + what + " to " + table.displayName() + " failed (SQLSTATE " + cause.getSQLState() + "): "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse(""));
        if (isUnavailable(e)) {
            close();
            throw new SinkUnavailableException(message, cause);
        }
        rollback();
        return new IllegalStateException(message, cause);
    }

    private void rollback() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                close();
            }
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
            insert = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The connection is being dropped because it failed; a second failure adds nothing.
        }
    }
}
