package dev.tsflink.core.operators.window;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.types.Row;

/**
 * A window-aggregate's incremental part: each record is folded into the window's accumulator by
 * the generated {@link WindowAdder} as it arrives. Elements are rows, or, when an aggregate is
 * {@code first}/{@code last} over event time, {@code (row, timestamp)} pairs (an aggregate
 * function does not see the record's timestamp). The adder is compiled on first use: an
 * aggregate function has no open().
 */
public final class WindowAggregateFunction<T> implements AggregateFunction<T, WindowAccumulator, WindowAccumulator> {

    private static final long serialVersionUID = 1L;

    private final GeneratedFunction function;
    private final WindowLayout layout;
    private final boolean timestamped;
    private transient WindowAdder adder;

    private WindowAggregateFunction(GeneratedFunction function, WindowLayout layout, boolean timestamped) {
        this.function = function;
        this.layout = layout;
        this.timestamped = timestamped;
    }

    /** Over rows: first and last keep arrival order. */
    public static WindowAggregateFunction<Row> ofRows(GeneratedFunction function, WindowLayout layout) {
        return new WindowAggregateFunction<>(function, layout, false);
    }

    /** Over (row, event time) pairs. */
    public static WindowAggregateFunction<Tuple2<Row, Long>> ofTimestamped(GeneratedFunction function, WindowLayout layout) {
        return new WindowAggregateFunction<>(function, layout, true);
    }

    @Override
    public WindowAccumulator createAccumulator() {
        return layout.create();
    }

    @Override
    @SuppressWarnings("unchecked")
    public WindowAccumulator add(T value, WindowAccumulator acc) {
        if (adder == null) {
            adder = FunctionCompiler.compile(function, WindowAdder.class, getClass().getClassLoader());
        }
        if (timestamped) {
            Tuple2<Row, Long> pair = (Tuple2<Row, Long>) value;
            adder.add(pair.f0, pair.f1, acc);
        } else {
            adder.add((Row) value, 0L, acc);
        }
        return acc;
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator acc) {
        return acc;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        return layout.merge(a, b);
    }
}
