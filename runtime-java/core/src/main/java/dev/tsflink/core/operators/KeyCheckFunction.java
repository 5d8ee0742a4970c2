package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.KeyFunction;
import dev.tsflink.core.operators.window.WindowAdder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before a keyed node whose key function (or, for a window-aggregate, an aggregate's
 * function) can fail for a record: drops that record and counts it in
 * {@code tsflink_recordErrors}, where a failing key selector or aggregate function would fail
 * the job. The same record then cannot fail in the keyed operator: the functions are pure.
 */
public final class KeyCheckFunction extends RichFlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KeyCheckFunction.class);

    private final GeneratedFunction keyFunction;
    private final GeneratedFunction windowAdder;
    private final String operatorName;
    private transient KeyFunction key;
    private transient WindowAdder adder;
    private transient RecordErrorReporter errors;

    /** @param windowAdder a window-aggregate's generated adder whose values are checked too, or null */
    public KeyCheckFunction(GeneratedFunction keyFunction, GeneratedFunction windowAdder, String operatorName) {
        this.keyFunction = keyFunction;
        this.windowAdder = windowAdder;
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        ClassLoader loader = getClass().getClassLoader();
        key = FunctionCompiler.compile(keyFunction, KeyFunction.class, loader);
        adder = windowAdder == null ? null : FunctionCompiler.compile(windowAdder, WindowAdder.class, loader);
        errors = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.RECORD_ERRORS, operatorName,
                "record dropped", Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    @Override
    public void flatMap(Row row, Collector<Row> out) {
        try {
            key.key(row);
            if (adder != null) {
                adder.check(row);
            }
        } catch (RuntimeException e) {
            errors.report(Metrics.describe(e));
            return;
        }
        out.collect(row);
    }
}
