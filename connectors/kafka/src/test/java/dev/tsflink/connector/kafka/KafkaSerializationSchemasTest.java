package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowFormats;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.operators.OperatorDeadLetter;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.Format;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.StartFrom;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Kafka records in and out: what the source's deserializer emits and what the sinks write. */
class KafkaSerializationSchemasTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Either<Row, DeadLetter>> deserialize(byte[] key, byte[] value) {
        KafkaSourceNode node = KafkaTestNodes.source(StartFrom.EARLIEST, KafkaTestNodes.DEAD_LETTERS);
        KafkaSourceRecordDeserializer deserializer = new KafkaSourceRecordDeserializer(new SourceRecordDecoder(node));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("events", 4, 17L, 1_000L, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value.length, key, value, new RecordHeaders(), Optional.empty());
        List<Either<Row, DeadLetter>> out = new ArrayList<>();
        deserializer.deserialize(record, new org.apache.flink.util.Collector<>() {
            @Override
            public void collect(Either<Row, DeadLetter> r) {
                out.add(r);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void theSourceDecodesInsideTheDeserializer() {
        assertEquals(List.of(Either.Left(Row.of("e1", 5L))), deserialize(null, utf8("{\"id\":\"e1\",\"at\":5}")));
    }

    @Test
    void aValueThatDoesNotDecodeBecomesADeadLetterNotAnError() {
        byte[] key = utf8("k");
        byte[] value = utf8("{\"id\":1}");
        assertEquals(List.of(Either.Right(new DeadLetter("events", 4, 17L, 1_000L, key, value,
                "field 'id': expected a string, got a number", "events"))), deserialize(key, value));
    }

    @Test
    void aDeadLetterKeepsItsBytesAndSaysWhereItCameFrom() {
        byte[] key = {1, 2};
        byte[] value = {(byte) 0xff};
        DeadLetter letter = new DeadLetter("orders", 3, 42L, 1_700_000_000_000L, key, value, "not Avro Order: é", "orders");
        ProducerRecord<byte[], byte[]> record = new KafkaDeadLetterSerializationSchema("orders.dlq").serialize(letter, null, 5L);
        assertEquals("orders.dlq", record.topic());
        assertNull(record.partition());
        assertSame(key, record.key());
        assertSame(value, record.value());
        assertEquals(1_700_000_000_000L, record.timestamp());
        List<String> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("tsflink.dlq.reason=not Avro Order: é", "tsflink.dlq.topic=orders", "tsflink.dlq.partition=3",
                "tsflink.dlq.offset=42", "tsflink.dlq.node=orders"), headers);
    }

    @Test
    void anOperatorsDeadLetterIsTheRecordsJsonWithoutKeyAndNamesTheOperatorInHeaders() {
        byte[] json = "{\"id\":\"r3\",\"m\":10000000000}".getBytes(StandardCharsets.UTF_8);
        OperatorDeadLetter letter = new OperatorDeadLetter("milli", "map", "pipelines/x.ts:38:19",
                "fn.body.fields[1].value: 10000000000000 is outside the int range", json, 1_700_000_002_000L);
        ProducerRecord<byte[], byte[]> record =
                new KafkaOperatorDeadLetterSerializationSchema("x.failed").serialize(letter, null, 5L);
        assertEquals("x.failed", record.topic());
        assertNull(record.key());
        assertArrayEquals(json, record.value());
        assertEquals(1_700_000_002_000L, record.timestamp());
        List<String> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("tsflink.dlq.reason=fn.body.fields[1].value: 10000000000000 is outside the int range",
                "tsflink.dlq.node=milli", "tsflink.dlq.location=pipelines/x.ts:38:19", "tsflink.dlq.operator=map"), headers);
        letter.timestamp = null;
        assertNull(new KafkaOperatorDeadLetterSerializationSchema("x.failed").serialize(letter, null, null).timestamp());
    }

    @Test
    void aDeadLetterWithoutTimestampLetsTheProducerStampIt() {
        DeadLetter letter = new DeadLetter("orders", 0, 1L, -1L, null, new byte[0], "r", "orders");
        assertNull(new KafkaDeadLetterSerializationSchema("dlq").serialize(letter, null, null).timestamp());
    }

    @Test
    void aRowIsWrittenWithoutKeyAndWithItsTimestamp() {
        KafkaRowSerializationSchema schema = new KafkaRowSerializationSchema("out",
                RowFormats.encoder(Format.JSON, KafkaTestNodes.EVENT));
        ProducerRecord<byte[], byte[]> record = schema.serialize(Row.of("e1", 5L), null, 5L);
        assertEquals("out", record.topic());
        assertNull(record.key());
        assertArrayEquals(utf8("{\"id\":\"e1\",\"at\":5}"), record.value());
        assertEquals(5L, record.timestamp());
        assertNull(schema.serialize(Row.of("e1", 5L), null, null).timestamp());
    }
}
