package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowExpander;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code flat-map} node: emits each row of the array its generated function returns, in order.
 * A record whose function throws emits nothing and is counted in {@code tsflink_recordErrors}.
 */
public final class GeneratedFlatMapFunction extends RichFlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedFlatMapFunction.class);

    private final GeneratedFunction function;
    private final String operatorName;
    private transient RowExpander expander;
    private transient RecordErrorReporter errors;

    public GeneratedFlatMapFunction(GeneratedFunction function, String operatorName) {
        this.function = function;
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        expander = FunctionCompiler.compile(function, RowExpander.class, getClass().getClassLoader());
        errors = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.RECORD_ERRORS, operatorName,
                "record dropped", Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    @Override
    public void flatMap(Row row, Collector<Row> out) {
        Object[] rows;
        try {
            rows = expander.expand(row);
        } catch (RuntimeException e) {
            errors.report(Metrics.describe(e));
            return;
        }
        for (Object r : rows) {
            out.collect((Row) r);
        }
    }
}
