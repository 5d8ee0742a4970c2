package dev.tsflink.harness;

import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.operators.OperatorDeadLetter;
import dev.tsflink.core.operators.RecordFailures;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.util.ArrayList;
import java.util.List;

/**
 * The dead letters of a job's operators: each operator that runs a user function reports the
 * records it fails on to its {@link RecordFailures#DEAD_LETTERS} side output, and this unions them
 * into one sink, {@code job.deadLetter} (or the test kit's collection). Without a sink the
 * operators build no dead letters and only count and log the failures.
 */
final class DeadLetterStreams {

    private final Sink<OperatorDeadLetter> sink;
    private final List<DataStream<OperatorDeadLetter>> streams = new ArrayList<>();

    /** @param sink where the dead letters go, or null to count and log them only */
    DeadLetterStreams(Sink<OperatorDeadLetter> sink) {
        this.sink = sink;
    }

    /** How an operator of {@code node} (a node of that kind, e.g. {@code "map"}) names its dead letters. */
    RecordFailures.Origin origin(Node node, String kind) {
        return RecordFailures.Origin.of(node, kind, sink != null);
    }

    /** {@code operator}, whose dead letters are now among the job's. */
    <T> SingleOutputStreamOperator<T> of(SingleOutputStreamOperator<T> operator) {
        if (sink != null) {
            streams.add(operator.getSideOutput(RecordFailures.DEAD_LETTERS));
        }
        return operator;
    }

    /**
     * Adds the sink of every dead letter at the job's parallelism, with the uid and name of
     * {@code spec}: {@code job.deadLetter}, or null when the test kit collects them for a pipeline
     * that declares none.
     */
    void addSink(KafkaSinkSpec spec, int parallelism) {
        if (sink == null || streams.isEmpty()) {
            return;
        }
        DataStream<OperatorDeadLetter> first = streams.get(0);
        @SuppressWarnings("unchecked")
        DataStream<OperatorDeadLetter>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        (rest.length == 0 ? first : first.union(rest)).sinkTo(sink)
                .name(spec != null ? spec.name() : "operator dead letters")
                .uid(spec != null ? spec.uid() : "#operator-dead-letters")
                .setParallelism(parallelism);
    }
}
