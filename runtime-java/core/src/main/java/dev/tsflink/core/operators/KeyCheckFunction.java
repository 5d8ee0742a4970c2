package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.KeyFunction;
import dev.tsflink.core.operators.window.WindowAdder;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before a keyed node whose key function (or, for a window-aggregate, an aggregate's
 * function) can fail for a record: makes that record a dead letter ({@link RecordFailures}), where
 * a failing key selector or aggregate function would fail the job (and an aggregate function has
 * no side output). The same record then cannot fail in the keyed operator: the functions are pure.
 */
public final class KeyCheckFunction extends ProcessFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KeyCheckFunction.class);

    private final GeneratedFunction keyFunction;
    private final GeneratedFunction windowAdder;
    private final RecordType inputType;
    private final RecordFailures.Origin origin;
    private transient KeyFunction key;
    private transient WindowAdder adder;
    private transient JsonRowEncoder input;
    private transient RecordFailures failures;

    /** @param windowAdder a window-aggregate's generated adder whose values are checked too, or null */
    public KeyCheckFunction(GeneratedFunction keyFunction, GeneratedFunction windowAdder, RecordType inputType,
            RecordFailures.Origin origin) {
        this.keyFunction = keyFunction;
        this.windowAdder = windowAdder;
        this.inputType = inputType;
        this.origin = origin;
    }

    @Override
    public void open(OpenContext context) {
        ClassLoader loader = getClass().getClassLoader();
        key = FunctionCompiler.compile(keyFunction, KeyFunction.class, loader);
        adder = windowAdder == null ? null : FunctionCompiler.compile(windowAdder, WindowAdder.class, loader);
        input = new JsonRowEncoder(inputType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "record");
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) {
        try {
            key.key(row);
            if (adder != null) {
                adder.check(row);
            }
        } catch (RuntimeException e) {
            failures.fail(e, () -> input.encode(row), ctx.timestamp(), letter -> ctx.output(RecordFailures.DEAD_LETTERS, letter));
            return;
        }
        out.collect(row);
    }
}
