package dev.tsflink.connector.kafka;

import dev.tsflink.core.connector.DeadLetter;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A dead letter as a Kafka record: the original key and value bytes unchanged, the original
 * timestamp, and {@code tsflink.dlq.*} headers saying where it came from and why it was refused.
 */
public final class KafkaDeadLetterSerializationSchema implements KafkaRecordSerializationSchema<DeadLetter>, KafkaDatasetFacetProvider {

    private static final long serialVersionUID = 1L;

    public static final String REASON = "tsflink.dlq.reason";
    public static final String TOPIC = "tsflink.dlq.topic";
    public static final String PARTITION = "tsflink.dlq.partition";
    public static final String OFFSET = "tsflink.dlq.offset";
    public static final String NODE = "tsflink.dlq.node";

    private final String topic;

    public KafkaDeadLetterSerializationSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(letter.reason));
        headers.add(TOPIC, utf8(letter.topic));
        headers.add(PARTITION, utf8(Integer.toString(letter.partition)));
        headers.add(OFFSET, utf8(Long.toString(letter.offset)));
        headers.add(NODE, utf8(letter.node));
        // Kafka records may lack a timestamp (-1); the producer then stamps the current time.
        Long originalTimestamp = letter.timestamp >= 0 ? letter.timestamp : null;
        return new ProducerRecord<>(topic, null, originalTimestamp, letter.key, letter.value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Names the topic in the sink's lineage (Flink's job lineage, and what tests inspect). */
    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }
}
