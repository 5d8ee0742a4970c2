package dev.tsflink.core.sink;

import dev.tsflink.core.operators.RecordErrorReporter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink without a dead-letter destination: rejected records are counted in
 * {@value RejectedRecords#METRIC} and logged at WARN with the reason (the first 10, then one in
 * every 1,000), never with their contents.
 */
public final class LoggedRejectedRecords implements RejectedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedRejectedRecords.class);
    private static final int LOGGED_IN_FULL = 10;

    private final RecordErrorReporter reporter;

    public LoggedRejectedRecords(MetricGroup metrics, String sinkName) {
        this.reporter = new RecordErrorReporter(LOG, metrics, METRIC, sinkName, "record rejected by the database", LOGGED_IN_FULL);
    }

    /** The factory of a sink named {@code sinkName} (its operator name, for the log lines). */
    public static RejectedRecordsFactory factory(String sinkName) {
        return metrics -> new LoggedRejectedRecords(metrics, sinkName);
    }

    @Override
    public void reject(Row record, String reason) {
        reporter.report(reason);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    public long count() {
        return reporter.count();
    }
}
