package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowPredicate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code filter} node: keeps the rows its generated predicate accepts. A record whose predicate
 * throws is dropped and counted in {@code tsflink_recordErrors}.
 */
public final class GeneratedFilterFunction extends RichFlatMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedFilterFunction.class);

    private final GeneratedFunction function;
    private final String operatorName;
    private transient RowPredicate predicate;
    private transient RecordErrorReporter errors;

    public GeneratedFilterFunction(GeneratedFunction function, String operatorName) {
        this.function = function;
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        predicate = FunctionCompiler.compile(function, RowPredicate.class, getClass().getClassLoader());
        errors = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.RECORD_ERRORS, operatorName, "record dropped", Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    @Override
    public void flatMap(Row row, Collector<Row> out) {
        boolean keep;
        try {
            keep = predicate.test(row);
        } catch (RuntimeException e) {
            errors.report(Metrics.describe(e));
            return;
        }
        if (keep) {
            out.collect(row);
        }
    }
}
