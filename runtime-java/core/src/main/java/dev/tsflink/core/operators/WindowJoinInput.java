package dev.tsflink.core.operators;

import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.expr.KeyFunction;
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
 * (processing-time windows get 0: arrival order), and drops (counting in {@code tsflink_recordErrors}) a record whose key function
 * fails, which would otherwise fail the job when it is partitioned.
 */
public final class WindowJoinInput extends ProcessFunction<Row, Either<Row, Row>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WindowJoinInput.class);

    private final GeneratedFunction keyFunction;
    private final boolean left;
    private final String operatorName;
    private transient KeyFunction key;
    private transient RecordErrorReporter errors;

    public WindowJoinInput(GeneratedFunction keyFunction, boolean left, String operatorName) {
        this.keyFunction = keyFunction;
        this.left = left;
        this.operatorName = operatorName;
    }

    @Override
    public void open(OpenContext context) {
        key = keyFunction.mayFail() ? FunctionCompiler.compile(keyFunction, KeyFunction.class, getClass().getClassLoader()) : null;
        errors = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.RECORD_ERRORS, operatorName,
                "record dropped", Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    @Override
    public void processElement(Row row, Context context, Collector<Either<Row, Row>> out) {
        if (key != null) {
            try {
                key.key(row);
            } catch (RuntimeException e) {
                errors.report(Metrics.describe(e));
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
