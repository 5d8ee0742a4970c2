package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowCombiner;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@code window-join} node's window function: when a key's window fires, {@code fn(left, right)}
 * for every pair, lefts in event-time order, each with the rights in event-time order (ties in
 * arrival order). Records arrive tagged by {@link WindowJoinInput}. A pair whose
 * function throws is dropped and counted in {@code tsflink_recordErrors}.
 */
public final class GeneratedWindowJoinFunction extends ProcessWindowFunction<Either<Row, Row>, Row, Object, TimeWindow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedWindowJoinFunction.class);
    private static final Comparator<Row> BY_TIMESTAMP = Comparator.comparingLong(WindowJoinInput::timestamp);

    private final GeneratedFunction function;
    private final String operatorName;
    private transient RowCombiner combiner;
    private transient RecordErrorReporter errors;

    public GeneratedWindowJoinFunction(GeneratedFunction function, String operatorName) {
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
    public void process(Object key, Context context, Iterable<Either<Row, Row>> elements, Collector<Row> out) {
        List<Row> lefts = new ArrayList<>();
        List<Row> rights = new ArrayList<>();
        for (Either<Row, Row> e : elements) {
            if (e.isLeft()) {
                lefts.add(e.left());
            } else {
                rights.add(e.right());
            }
        }
        // Each side in event-time order, ties in arrival order (List.sort is stable): a merged session
        // window hands over its sessions' records in an order Flink chooses, and two sessions never
        // share a timestamp.
        lefts.sort(BY_TIMESTAMP);
        rights.sort(BY_TIMESTAMP);
        for (Row left : lefts) {
            for (Row right : rights) {
                Row joined;
                try {
                    joined = combiner.combine(WindowJoinInput.record(left), WindowJoinInput.record(right));
                } catch (RuntimeException e) {
                    errors.report(Metrics.describe(e));
                    continue;
                }
                out.collect(joined);
            }
        }
    }
}
