package dev.tsflink.harness;

import dev.tsflink.connector.kafka.KafkaRejectedRecords;
import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A database sink's dead-letter topic on the local stack's Kafka: JSON of the record, the reason and the sink in headers. */
class KafkaRejectedRecordsITCase {

    private static final RecordType EVENT = new RecordType("Event", List.of(
            new RecordField("id", PrimitiveType.STRING), new RecordField("amount", PrimitiveType.DOUBLE)));

    @Test
    void rejectedRecordsArriveWithTheirReason() throws Exception {
        String topic = "tsflink-it-rejected-" + UUID.randomUUID();
        try (RejectedRecords rejected = KafkaRejectedRecords.factory(LocalServices.kafkaBootstrapServers(), topic,
                "postgres-sink.orders", "sink postgres orders", EVENT).create(new UnregisteredMetricsGroup())) {
            rejected.reject(Row.of("e-1", 500.0), "PostgreSQL 23514: ERROR: new row violates check constraint \"positive\"");
            rejected.reject(Row.of("e-2", 1.5), "Redis: WRONGTYPE Operation against a key holding the wrong kind of value");
            rejected.flush();
            assertEquals(2, ((KafkaRejectedRecords) rejected).count());
        }

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServices.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(new String(r.value(), StandardCharsets.UTF_8)
                            + " | " + new String(r.headers().lastHeader("tsflink.dlq.reason").value(), StandardCharsets.UTF_8)
                            + " | " + new String(r.headers().lastHeader("tsflink.dlq.node").value(), StandardCharsets.UTF_8));
                }
            }
        }
        seen.sort(null);
        assertEquals(List.of(
                "{\"id\":\"e-1\",\"amount\":500} | PostgreSQL 23514: ERROR: new row violates check constraint \"positive\" | postgres-sink.orders",
                "{\"id\":\"e-2\",\"amount\":1.5} | Redis: WRONGTYPE Operation against a key holding the wrong kind of value | postgres-sink.orders"),
                seen);
    }
}
