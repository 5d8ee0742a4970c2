package dev.tsflink.core.operators.window;

import dev.tsflink.core.operators.Metrics;
import dev.tsflink.core.operators.RecordErrorReporter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a window-aggregate without a {@code late} sink sends records later than its allowed
 * lateness: counted in {@code tsflink_lateRecords}, logged once per 1,000 at WARN, then dropped.
 */
public final class LateRecordCounter<T> extends ProcessFunction<T, Void> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateRecordCounter.class);

    private final String operatorName;
    private transient RecordErrorReporter late;

    public LateRecordCounter(String operatorName) {
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        late = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.LATE_RECORDS, operatorName,
                "late record dropped", 1);
    }

    @Override
    public void processElement(T value, Context ctx, Collector<Void> out) {
        late.report("later than the window's allowed lateness");
    }
}
