package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.RowPredicate;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code filter} node: keeps the rows its generated predicate accepts. A record whose predicate
 * throws is a dead letter ({@link RecordFailures}).
 */
public final class GeneratedFilterFunction extends ProcessFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedFilterFunction.class);

    private final GeneratedFunction function;
    private final RecordType inputType;
    private final RecordFailures.Origin origin;
    private transient RowPredicate predicate;
    private transient JsonRowEncoder input;
    private transient RecordFailures failures;

    public GeneratedFilterFunction(GeneratedFunction function, RecordType inputType, RecordFailures.Origin origin) {
        this.function = function;
        this.inputType = inputType;
        this.origin = origin;
    }

    @Override
    public void open(OpenContext context) {
        predicate = FunctionCompiler.compile(function, RowPredicate.class, getClass().getClassLoader());
        input = new JsonRowEncoder(inputType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "record");
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) {
        boolean keep;
        try {
            keep = predicate.test(row);
        } catch (RuntimeException e) {
            failures.fail(e, () -> input.encode(row), ctx.timestamp(), letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
            return;
        }
        if (keep) {
            out.collect(row);
        }
    }
}
