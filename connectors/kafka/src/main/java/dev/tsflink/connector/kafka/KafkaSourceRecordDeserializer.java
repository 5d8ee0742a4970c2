package dev.tsflink.connector.kafka;

import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SourceRecordDecoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes inside the Kafka source reader, so the source's watermark generator sees decoded rows
 * and keeps one watermark per partition. Never throws on bad data: a value that does not decode is
 * emitted as a dead letter.
 */
public final class KafkaSourceRecordDeserializer implements KafkaRecordDeserializationSchema<Either<Row, DeadLetter>> {

    private static final long serialVersionUID = 1L;

    private final SourceRecordDecoder decoder;

    public KafkaSourceRecordDeserializer(SourceRecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<Row, DeadLetter>> out) {
        out.collect(decoder.decode(
                record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(), record.value()));
    }

    @Override
    public TypeInformation<Either<Row, DeadLetter>> getProducedType() {
        return decoder.producedType();
    }
}
