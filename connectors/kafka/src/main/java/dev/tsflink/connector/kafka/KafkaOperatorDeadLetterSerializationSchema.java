package dev.tsflink.connector.kafka;

import dev.tsflink.core.operators.OperatorDeadLetter;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A record an operator failed on as a Kafka record of {@code job.deadLetter}: the JSON of the
 * record as the value, no key, its Flink timestamp, and {@code tsflink.dlq.*} headers naming the
 * operator, its TypeScript location and the reason.
 */
public final class KafkaOperatorDeadLetterSerializationSchema
        implements KafkaRecordSerializationSchema<OperatorDeadLetter>, KafkaDatasetFacetProvider {

    private static final long serialVersionUID = 1L;

    public static final String LOCATION = "tsflink.dlq.location";
    public static final String OPERATOR = "tsflink.dlq.operator";

    private final String topic;

    public KafkaOperatorDeadLetterSerializationSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OperatorDeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaDeadLetterSerializationSchema.REASON, utf8(letter.reason));
        headers.add(KafkaDeadLetterSerializationSchema.NODE, utf8(letter.node));
        headers.add(LOCATION, utf8(letter.location));
        headers.add(OPERATOR, utf8(letter.operator));
        return new ProducerRecord<>(topic, null, letter.timestamp, null, letter.value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Names the topic in the sink's lineage, as the other Kafka sinks do. */
    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }
}
