package dev.tsflink.connector.kafka;

import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.operators.Metrics;
import dev.tsflink.core.operators.RecordErrorReporter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a source's decoded stream: rows go on, dead letters go to the {@link #DEAD_LETTERS} side
 * output when the source declares a dead-letter sink. Every dead letter is counted in
 * {@code tsflink_deadLetters} and one in every 1,000 is logged at WARN (without a sink, the first
 * one too), so they are never dropped silently.
 */
public final class DeadLetterRouter extends ProcessFunction<Either<Row, DeadLetter>, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final boolean hasSink;
    private final String sourceName;
    private transient RecordErrorReporter reporter;

    public DeadLetterRouter(boolean hasSink, String sourceName) {
        this.hasSink = hasSink;
        this.sourceName = sourceName;
    }

    @Override
    public void open(OpenContext context) {
        // Without a sink the log is the only trace, so the first one is logged too; with one, the
        // dead-letter topic holds them all and the log only shows that they keep coming.
        reporter = new RecordErrorReporter(LOG, getRuntimeContext().getMetricGroup(), Metrics.DEAD_LETTERS,
                sourceName, "value did not decode", hasSink ? 0 : 1);
    }

    @Override
    public void processElement(Either<Row, DeadLetter> record, Context ctx, Collector<Row> out) {
        if (record.isLeft()) {
            out.collect(record.left());
            return;
        }
        DeadLetter letter = record.right();
        if (hasSink) {
            ctx.output(DEAD_LETTERS, letter);
        }
        reporter.report(letter.topic + "-" + letter.partition + "@" + letter.offset + ": " + letter.reason);
    }
}
