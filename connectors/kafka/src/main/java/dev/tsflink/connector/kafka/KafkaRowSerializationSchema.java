package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowEncoder;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.Optional;

/**
 * A row as a Kafka record of {@code kafka-sink}: no key, the encoded row as the value, and the
 * row's Flink timestamp (its event time, or the source record's Kafka timestamp) as the record
 * timestamp.
 */
public final class KafkaRowSerializationSchema implements KafkaRecordSerializationSchema<Row>, KafkaDatasetFacetProvider {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RowEncoder encoder;

    public KafkaRowSerializationSchema(String topic, RowEncoder encoder) {
        this.topic = topic;
        this.encoder = encoder;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Row row, KafkaSinkContext context, Long timestamp) {
        Long recordTimestamp = timestamp != null && timestamp >= 0 ? timestamp : null;
        return new ProducerRecord<>(topic, null, recordTimestamp, null, encoder.encode(row));
    }

    /** Names the topic in the sink's lineage (Flink's job lineage, and what tests inspect). */
    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }
}
