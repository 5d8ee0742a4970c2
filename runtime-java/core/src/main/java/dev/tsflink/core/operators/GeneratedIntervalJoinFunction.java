package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowCombiner;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code interval-join} node's function: {@code fn(left, right)} for each matching pair
 * (Flink's interval join gives it the larger of the two timestamps). A pair whose function throws
 * is dropped and counted in {@code tsflink_recordErrors}.
 */
public final class GeneratedIntervalJoinFunction extends ProcessJoinFunction<Row, Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedIntervalJoinFunction.class);

    private final GeneratedFunction function;
    private final String operatorName;
    private transient RowCombiner combiner;
    private transient RecordErrorReporter errors;

    public GeneratedIntervalJoinFunction(GeneratedFunction function, String operatorName) {
        this.function = function;
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        combiner = FunctionCompiler.compile(function, RowCombiner.class, getClass().getClassLoader());
        errors = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.RECORD_ERRORS, operatorName,
                "pair dropped", Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    @Override
    public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
        Row joined;
        try {
            joined = combiner.combine(left, right);
        } catch (RuntimeException e) {
            errors.report(Metrics.describe(e));
            return;
        }
        out.collect(joined);
    }
}
