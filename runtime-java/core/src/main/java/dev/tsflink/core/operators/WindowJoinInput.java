package dev.tsflink.core.operators;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.KeyFunction;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a {@code window-join}: tags its records as left or right so both sides can share one
 * keyed window, as {@code Row(timestamp, record)} so the window can order them by event time
 * (processing-time windows get 0: arrival order), and makes a record whose key function fails a
 * dead letter ({@link RecordFailures}), which would otherwise fail the job when it is partitioned.
 */
public final class WindowJoinInput extends ProcessFunction<Row, Either<Row, Row>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WindowJoinInput.class);

    private final GeneratedFunction keyFunction;
    private final boolean left;
    private final RecordType inputType;
    private final RecordFailures.Origin origin;
    private transient KeyFunction key;
    private transient JsonRowEncoder input;
    private transient RecordFailures failures;

    public WindowJoinInput(GeneratedFunction keyFunction, boolean left, RecordType inputType, RecordFailures.Origin origin) {
        this.keyFunction = keyFunction;
        this.left = left;
        this.inputType = inputType;
        this.origin = origin;
    }

    @Override
    public void open(OpenContext context) {
        key = keyFunction.mayFail() ? FunctionCompiler.compile(keyFunction, KeyFunction.class, getClass().getClassLoader()) : null;
        input = new JsonRowEncoder(inputType);
        failures = new RecordFailures(origin, LOG, getRuntimeContext().getMetricGroup(), "record");
    }

    @Override
    public void processElement(Row row, Context context, Collector<Either<Row, Row>> out) {
        if (key != null) {
            try {
                key.key(row);
            } catch (RuntimeException e) {
                failures.fail(e, () -> input.encode(row), context.timestamp(),
                        letter -> context.output(RecordFailures.DEAD_LETTERS, letter));
                return;
            }
        }
        Long timestamp = context.timestamp();
        Row tagged = Row.of(timestamp == null ? 0L : timestamp, row);
        out.collect(left ? Either.Left(tagged) : Either.Right(tagged));
    }

    /** The record of a tagged {@code Row(timestamp, record)}. */
    public static Row record(Row tagged) {
        return (Row) tagged.getField(1);
    }

    /** The event timestamp of a tagged {@code Row(timestamp, record)}. */
    public static long timestamp(Row tagged) {
        return (Long) tagged.getField(0);
    }
}
