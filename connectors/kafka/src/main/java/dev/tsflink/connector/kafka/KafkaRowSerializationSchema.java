package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowEncoder;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A row as a Kafka record of {@code kafka-sink}: no key, the encoded row as the value, and the
 * row's Flink timestamp (its event time, or the source record's Kafka timestamp) as the record
 * timestamp.
 */
public final class KafkaRowSerializationSchema implements KafkaRecordSerializationSchema<Row> {

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
}
