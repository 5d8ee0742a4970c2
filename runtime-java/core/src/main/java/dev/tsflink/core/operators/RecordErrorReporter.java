package dev.tsflink.core.operators;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;

/**
 * Counts records an operator could not process and logs them at WARN: the first
 * {@code loggedInFull}, then one in every {@value #LOG_EVERY}, so a stream of bad records cannot
 * flood the logs. Record contents are never logged (they may hold personal data); the reason and
 * the operator's name are.
 */
public final class RecordErrorReporter {

    public static final int LOG_EVERY = 1000;

    private final Logger log;
    private final String operatorName;
    private final String what;
    private final int loggedInFull;
    private final Counter counter;

    /**
     * @param metricName the counter registered on {@code metrics}
     * @param what how the log line calls the record, e.g. "record dropped"
     */
    public RecordErrorReporter(
            Logger log, MetricGroup metrics, String metricName, String operatorName, String what, int loggedInFull) {
        this.log = log;
        this.operatorName = operatorName;
        this.what = what;
        this.loggedInFull = loggedInFull;
        this.counter = metrics.counter(metricName);
    }

    /** Counts one record; logs it when it is among the first ones or a multiple of 1,000. */
    public void report(String reason) {
        counter.inc();
        long n = counter.getCount();
        if (n <= loggedInFull || n % LOG_EVERY == 0) {
            log.warn("{}: {} (#{} so far): {}", operatorName, what, n, reason);
        }
    }

    public long count() {
        return counter.getCount();
    }
}
