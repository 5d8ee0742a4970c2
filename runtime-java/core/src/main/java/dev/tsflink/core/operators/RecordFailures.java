package dev.tsflink.core.operators;

import dev.tsflink.core.graph.Location;
import dev.tsflink.core.graph.Node;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;

import java.io.Serializable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an operator does with a record its function fails on: counts it in
 * {@code tsflink_recordErrors}, logs the reason (never the record) and, when the job keeps dead
 * letters, emits an {@link OperatorDeadLetter} to the {@link #DEAD_LETTERS} side output, which the
 * job builder sends to {@code job.deadLetter}. Nothing is built unless a record fails.
 */
public final class RecordFailures {

    public static final OutputTag<OperatorDeadLetter> DEAD_LETTERS =
            new OutputTag<>("operator-dead-letters", TypeInformation.of(OperatorDeadLetter.class));

    /**
     * The operator as its dead letters name it.
     *
     * @param kept whether the job keeps dead letters (it has a {@code job.deadLetter}, or is a test)
     */
    public record Origin(String node, String operator, String location, String name, boolean kept) implements Serializable {

        public static Origin of(Node node, String operator, boolean kept) {
            Location l = node.location();
            return new Origin(node.id(), operator, l.file() + ":" + l.line() + ":" + l.column(), node.name(), kept);
        }
    }

    private final Origin origin;
    private final RecordErrorReporter reporter;

    /** @param what how the log calls what failed: "record", "pair", "timer" */
    public RecordFailures(Origin origin, Logger log, MetricGroup metrics, String what) {
        this.origin = origin;
        // Kept dead letters hold every failure, so the log only shows that they keep coming.
        this.reporter = origin.kept()
                ? new RecordErrorReporter(log, metrics, Metrics.RECORD_ERRORS, origin.name(), what + " sent to the dead letters", 0)
                : new RecordErrorReporter(log, metrics, Metrics.RECORD_ERRORS, origin.name(), what + " dropped",
                        Metrics.RECORD_ERRORS_LOGGED_IN_FULL);
    }

    /**
     * Reports one failure.
     *
     * @param value the JSON of what failed; asked for only when the job keeps dead letters
     * @param timestamp the Flink timestamp of what failed, or null
     * @param output the operator's {@link #DEAD_LETTERS} side output
     */
    public void fail(RuntimeException e, Supplier<byte[]> value, Long timestamp, Consumer<OperatorDeadLetter> output) {
        String reason = Metrics.describe(e);
        reporter.report(reason);
        if (origin.kept()) {
            output.accept(new OperatorDeadLetter(origin.node(), origin.operator(), origin.location(), reason, value.get(), timestamp));
        }
    }
}
