package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowExpander;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code flat-map} node: emits each row of the array its generated function returns, in order.
 * A record whose function throws emits nothing and is a dead letter ({@link RecordFailures}).
 */
public final class GeneratedFlatMapFunction extends ProcessFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedFlatMapFunction.class);

    private final GeneratedFunction function;
    private final RecordType inputType;
    private final RecordFailures.Origin origin;
    private transient RowExpander expander;
    private transient JsonRowEncoder input;
    private transient RecordFailures failures;

    public GeneratedFlatMapFunction(GeneratedFunction function, RecordType inputType, RecordFailures.Origin origin) {
        this.function = function;
        this.inputType = inputType;
        this.origin = origin;
    }

    @Override
    public void open(OpenContext context) {
        expander = FunctionCompiler.compile(function, RowExpander.class, getClass().getClassLoader());
        input = new JsonRowEncoder(inputType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "record");
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) {
        Object[] rows;
        try {
            rows = expander.expand(row);
        } catch (RuntimeException e) {
            failures.fail(e, () -> input.encode(row), ctx.timestamp(), letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
            return;
        }
        for (Object r : rows) {
            out.collect((Row) r);
        }
    }
}
