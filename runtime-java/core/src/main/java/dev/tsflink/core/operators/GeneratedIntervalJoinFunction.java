package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowCombiner;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code interval-join} node's function: {@code fn(left, right)} for each matching pair
 * (Flink's interval join gives it the larger of the two timestamps). A pair whose function throws
 * is a dead letter ({@link RecordFailures}) whose value is {@code {"left": …, "right": …}}: the
 * function failed on the two together, and each may join others.
 */
public final class GeneratedIntervalJoinFunction extends ProcessJoinFunction<Row, Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedIntervalJoinFunction.class);

    private final GeneratedFunction function;
    private final RecordType pairType;
    private final RecordFailures.Origin origin;
    private transient RowCombiner combiner;
    private transient JsonRowEncoder pair;
    private transient RecordFailures failures;

    /** @param pairType {@link JoinPair#type} of the two inputs */
    public GeneratedIntervalJoinFunction(GeneratedFunction function, RecordType pairType, RecordFailures.Origin origin) {
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
    public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
        Row joined;
        try {
            joined = combiner.combine(left, right);
        } catch (RuntimeException e) {
            failures.fail(e, () -> pair.encode(Row.of(left, right)), ctx.getTimestamp(),
                    letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
            return;
        }
        out.collect(joined);
    }
}
