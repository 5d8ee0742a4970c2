package dev.tsflink.harness;

import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bounded in-memory topics in, collecting sinks out: runs a whole job graph on a MiniCluster with
 * the same decoding, routing and encoding as with Kafka. Each topic is one partition (0), whose
 * offsets are the records' positions.
 */
public final class InMemoryConnectorFactory implements ConnectorFactory {

    private final Map<String, List<KafkaRecordBytes>> topics;
    private final String run = UUID.randomUUID().toString();

    public InMemoryConnectorFactory(Map<String, List<KafkaRecordBytes>> topics) {
        this.topics = topics;
    }

    @Override
    public Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder) {
        List<KafkaRecordBytes> records = new ArrayList<>(topics.getOrDefault(node.topic(), List.of()));
        String topic = node.topic();
        GeneratorFunction<Long, Either<Row, DeadLetter>> generator = offset -> {
            KafkaRecordBytes r = records.get(offset.intValue());
            return decoder.decode(topic, 0, offset, r.timestamp(), r.key(), r.value());
        };
        return new DataGeneratorSource<>(generator, records.size(), decoder.producedType());
    }

    @Override
    public Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter) {
        return new CollectingSink<>(run + "/" + deadLetter.topic(), letter -> letter);
    }

    @Override
    public Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder) {
        return new CollectingSink<>(run + "/" + node.sink().topic(), encoder::encode);
    }

    /** The values written to a topic by a {@code kafka-sink}. */
    public List<byte[]> written(String topic) {
        return CollectingSink.collected(run + "/" + topic);
    }

    /** The values written to a topic as UTF-8 text (for JSON sinks). */
    public List<String> writtenText(String topic) {
        return written(topic).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    public List<DeadLetter> deadLetters(String topic) {
        return CollectingSink.collected(run + "/" + topic);
    }
}
