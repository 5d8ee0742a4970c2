package dev.tsflink.core.connector;

import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.graph.Node.DatabaseSinkNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.operators.OperatorDeadLetter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

/**
 * Creates the Flink sources and sinks of a job graph's connector nodes. The harness builds
 * everything around them (decoding, watermarks, dead-letter routing, encoding, names, uids,
 * parallelism) the same way whatever the factory, so a test can swap real Kafka for bounded
 * in-memory sources and collecting sinks and still run the whole graph.
 */
public interface ConnectorFactory {

    /**
     * The source of a {@code kafka-source} node. It must decode each record with {@code decoder}
     * (inside the source, so watermarks stay per partition) and emit what it returns.
     */
    Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder);

    /** Where the dead letters of a source with a {@code deadLetter} spec go. */
    Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter);

    /**
     * Whether event-time sources emit their watermark after every record
     * ({@link PerRecordWatermarks}) rather than periodically, as Flink does in production. Bounded
     * tests want it: which records are late then depends on the input alone.
     */
    default boolean watermarksPerRecord() {
        return false;
    }

    /**
     * Where the records operators fail on go: the job's {@code deadLetter} spec, or null when the
     * job has none, in which case operators only count and log them. A factory that connects only
     * sources and sinks (tests of a connector) refuses a spec.
     */
    default Sink<OperatorDeadLetter> createOperatorDeadLetterSink(KafkaSinkSpec deadLetter) {
        if (deadLetter != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sink for job.deadLetter");
        }
        return null;
    }

    /** The sink of a {@code kafka-sink} node; each row's record value is {@code encoder}'s bytes. */
    Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder);

    /**
     * Where the records of a stream that no node reads go, or null to leave it unread: Flink runs
     * such an operator (its state included) and drops what it emits, which is what a cluster does
     * (the compiler warns, TSF1012). The test kit collects them, so a test can see them.
     */
    default Sink<Row> createUnreadStreamSink(Node node) {
        return null;
    }

    /**
     * The sink of a {@code postgres-sink}, {@code mongo-sink} or {@code redis-sink} node. A factory
     * that connects only Kafka (the Kafka connector's own, and tests of it) refuses them.
     */
    default Sink<Row> createDatabaseSink(DatabaseSinkNode node) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " connects only Kafka; node '" + node.id()
                + "' writes to a database");
    }
}
