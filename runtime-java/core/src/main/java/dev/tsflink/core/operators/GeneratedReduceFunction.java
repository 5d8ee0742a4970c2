package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowCombiner;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * A {@code reduce} node: Flink's rolling reduce on keyed state (the first record of a key as it
 * is, then {@code fn(previous, record)}), as a process function so that a record whose function
 * throws is a dead letter ({@link RecordFailures}), leaving the key's value as it was, instead of
 * failing the job.
 */
public final class GeneratedReduceFunction extends KeyedProcessFunction<Object, Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedReduceFunction.class);

    private final GeneratedFunction function;
    private final RecordType recordType;
    private final RecordFailures.Origin origin;
    private transient RowCombiner combiner;
    private transient ValueState<Row> current;
    private transient JsonRowEncoder input;
    private transient RecordFailures failures;

    public GeneratedReduceFunction(GeneratedFunction function, RecordType recordType, RecordFailures.Origin origin) {
        this.function = function;
        this.recordType = recordType;
        this.origin = origin;
    }

    @Override
    public void open(OpenContext context) {
        combiner = FunctionCompiler.compile(function, RowCombiner.class, getClass().getClassLoader());
        current = getRuntimeContext().getState(new ValueStateDescriptor<>("reduced", RowTypes.rowTypeInfo(recordType)));
        input = new JsonRowEncoder(recordType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "record");
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) throws IOException {
        Row previous = current.value();
        Row next;
        if (previous == null) {
            next = row;
        } else {
            try {
                next = combiner.combine(previous, row);
            } catch (RuntimeException e) {
                failures.fail(e, () -> input.encode(row), ctx.timestamp(), letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
                return;
            }
        }
        current.update(next);
        out.collect(next);
    }
}
