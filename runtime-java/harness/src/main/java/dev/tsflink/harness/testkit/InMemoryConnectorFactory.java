package dev.tsflink.harness.testkit;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.Format;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.graph.Node.DatabaseSinkNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.operators.OperatorDeadLetter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bounded in-memory sources in, collecting sinks out: runs a whole job graph on a MiniCluster with
 * the same decoding, watermarks, routing and encoding as with Kafka. Each source reads one
 * partition (0) whose offsets are the records' positions; it ends after its last record, and a
 * bounded source's final watermark then fires everything event time still holds back.
 */
public final class InMemoryConnectorFactory implements ConnectorFactory {

    private final Map<String, List<InMemoryRecord>> inputs;
    private final boolean jsonSinks;
    private final String run = UUID.randomUUID().toString();

    /**
     * @param inputs    the records of each source, by source node id
     * @param jsonSinks whether every sink keeps its rows as JSON (what the test kit reports), rather
     *                  than in the sink's declared format (what Kafka would get)
     */
    public InMemoryConnectorFactory(Map<String, List<InMemoryRecord>> inputs, boolean jsonSinks) {
        this.inputs = inputs;
        this.jsonSinks = jsonSinks;
    }

    @Override
    public Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder) {
        List<InMemoryRecord> records = new ArrayList<>(inputs.getOrDefault(node.id(), List.of()));
        SourceRecordDecoder jsonDecoder = new SourceRecordDecoder(asJsonSource(node));
        String topic = node.topic();
        // Every dead letter, whether or not the source declares a dead-letter sink (without one,
        // production only counts and logs them): a test wants to see each one.
        String deadLetters = deadLettersName(node.id());
        CollectingSink.open(deadLetters);
        if (records.isEmpty()) {
            return new EmptySource<>();
        }
        GeneratorFunction<Long, Either<Row, DeadLetter>> generator = offset -> {
            InMemoryRecord r = records.get(offset.intValue());
            Either<Row, DeadLetter> decoded = (r.json() ? jsonDecoder : decoder)
                    .decode(topic, 0, offset, r.timestamp(), r.key(), r.value());
            if (decoded.isRight()) {
                CollectingSink.add(deadLetters, decoded.right());
            }
            return decoded;
        };
        return new DataGeneratorSource<>(generator, records.size(), decoder.producedType());
    }

    /** The same source read as JSON: its event time and dead-letter handling stay as declared. */
    private static KafkaSourceNode asJsonSource(KafkaSourceNode n) {
        return new KafkaSourceNode(n.id(), n.uid(), n.name(), n.location(), n.parallelism(), n.topic(), Format.JSON,
                n.startFrom(), n.groupId(), n.outputType(), n.eventTime(), n.deadLetter(), n.bootstrapServers());
    }

    /** A test's late records must be late on every run, whatever the machine's timing. */
    @Override
    public boolean watermarksPerRecord() {
        return true;
    }

    @Override
    public Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter) {
        return new CollectingSink<>(run + "/dead-letter-sink/" + node.id(), letter -> letter);
    }

    /**
     * Every record an operator fails on, whether or not the job declares {@code deadLetter}
     * (without one, production only counts and logs them): a test wants to see each one.
     */
    @Override
    public Sink<OperatorDeadLetter> createOperatorDeadLetterSink(KafkaSinkSpec deadLetter) {
        return new CollectingSink<>(run + "/operator-dead-letters", letter -> letter);
    }

    /** What operators failed on, by node id (in graph order as the caller asks), each node's in arrival order. */
    public List<OperatorDeadLetter> operatorDeadLetters(String nodeId) {
        List<OperatorDeadLetter> all = CollectingSink.collected(run + "/operator-dead-letters");
        return all.stream().filter(letter -> letter.node.equals(nodeId)).toList();
    }

    @Override
    public Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder) {
        RowEncoder used = jsonSinks ? new JsonRowEncoder(node.inputType()) : encoder;
        return new CollectingSink<>(run + "/sink/" + node.id(), used::encode);
    }

    /** A database sink keeps the JSON of each record it receives, as the test kit reports them. */
    @Override
    public Sink<Row> createDatabaseSink(DatabaseSinkNode node) {
        return new CollectingSink<>(run + "/sink/" + node.id(), new JsonRowEncoder(node.sink().inputType())::encode);
    }

    /** The test kit returns what a stream no node reads emitted, as JSON. */
    @Override
    public Sink<Row> createUnreadStreamSink(Node node) {
        return new CollectingSink<>(run + "/unread/" + node.id(), new JsonRowEncoder(node.outputType())::encode);
    }

    /** What a stream no node reads emitted, as JSON text, by its node id. */
    public List<String> unreadText(String nodeId) {
        return text(CollectingSink.collected(run + "/unread/" + nodeId));
    }

    /** The values a {@code kafka-sink} or database sink node wrote, by its node id. */
    public List<byte[]> written(String sinkId) {
        return CollectingSink.collected(run + "/sink/" + sinkId);
    }

    /** The values a sink wrote, as UTF-8 text (for JSON). */
    public List<String> writtenText(String sinkId) {
        return text(written(sinkId));
    }

    private static List<String> text(List<byte[]> values) {
        return values.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /** Every record of a source (by node id) that did not decode, in input order. */
    public List<DeadLetter> deadLetters(String sourceId) {
        List<DeadLetter> letters = new ArrayList<>(CollectingSink.<DeadLetter>collected(deadLettersName(sourceId)));
        // Parallel readers add them as they meet them; the offset is the input position.
        letters.sort(Comparator.comparingLong(letter -> letter.offset));
        return letters;
    }

    /** What a source's declared dead-letter sink received. */
    public List<DeadLetter> deadLetterSink(String sourceId) {
        return CollectingSink.collected(run + "/dead-letter-sink/" + sourceId);
    }

    private String deadLettersName(String sourceId) {
        return run + "/dead-letters/" + sourceId;
    }
}
