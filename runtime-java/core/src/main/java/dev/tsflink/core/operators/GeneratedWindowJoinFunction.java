package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowCombiner;
import dev.tsflink.core.types.RecordType;
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
 * arrival order). Records arrive tagged by {@link WindowJoinInput}. A pair whose function throws
 * is a dead letter ({@link RecordFailures}) whose value is {@code {"left": …, "right": …}}, with
 * the window's last timestamp.
 */
public final class GeneratedWindowJoinFunction extends ProcessWindowFunction<Either<Row, Row>, Row, Object, TimeWindow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedWindowJoinFunction.class);
    private static final Comparator<Row> BY_TIMESTAMP = Comparator.comparingLong(WindowJoinInput::timestamp);

    private final GeneratedFunction function;
    private final RecordType pairType;
    private final RecordFailures.Origin origin;
    private transient RowCombiner combiner;
    private transient JsonRowEncoder pair;
    private transient RecordFailures failures;

    /** @param pairType {@link JoinPair#type} of the two inputs */
    public GeneratedWindowJoinFunction(GeneratedFunction function, RecordType pairType, RecordFailures.Origin origin) {
        this.function = function;
        this.pairType = pairType;
        this.origin = origin;
    }

    @Override
    public void open(OpenContext context) {
        combiner = FunctionCompiler.compile(function, RowCombiner.class, getClass().getClassLoader());
        pair = new JsonRowEncoder(pairType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "pair");
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
                Row l = WindowJoinInput.record(left);
                Row r = WindowJoinInput.record(right);
                try {
                    joined = combiner.combine(l, r);
                } catch (RuntimeException e) {
                    failures.fail(e, () -> pair.encode(Row.of(l, r)), context.window().maxTimestamp(),
                            letter -> context.output(RecordFailures.DEAD_LETTERS, letter));
                    continue;
                }
                out.collect(joined);
            }
        }
    }
}
