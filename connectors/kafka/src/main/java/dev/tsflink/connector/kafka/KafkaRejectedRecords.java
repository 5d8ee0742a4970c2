package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.operators.RecordErrorReporter;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.sink.RejectedRecordsFactory;
import dev.tsflink.core.sink.SinkUnavailableException;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The dead-letter topic of a database sink: each record the database refused, as JSON of the
 * input record (as a {@code kafka-sink} writes JSON), with headers {@code tsflink.dlq.reason} and
 * {@code tsflink.dlq.node} (the sink's node id). Sent by an idempotent producer and flushed before
 * the database commit, so none is lost; a failure between the two repeats the batch's dead letters
 * (at-least-once), since a Kafka transaction and a database transaction cannot commit together.
 */
public final class KafkaRejectedRecords implements RejectedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRejectedRecords.class);
    private static final int LOGGED_IN_FULL = 10;
    /** Bounded, so an unreachable broker fails a flush (then retried with backoff) instead of hanging it. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final String nodeId;
    private final JsonRowEncoder encoder;
    private final Properties producerConfig;
    /** Created with the first dead letter: most commits reject nothing. */
    private KafkaProducer<byte[], byte[]> producer;
    private final RecordErrorReporter reporter;
    private final List<Future<RecordMetadata>> unflushed = new ArrayList<>();

    KafkaRejectedRecords(String bootstrapServers, String topic, String nodeId, String sinkName, RecordType inputType, MetricGroup metrics) {
        this.topic = topic;
        this.nodeId = nodeId;
        this.encoder = new JsonRowEncoder(inputType);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tsflink-" + nodeId + "-dead-letters");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis() / 3));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis() / 3));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(SEND_TIMEOUT.toMillis()));
        this.producerConfig = props;
        this.reporter = new RecordErrorReporter(LOG, metrics, METRIC, sinkName, "record rejected by the database, sent to " + topic, LOGGED_IN_FULL);
    }

    /**
     * @param bootstrapServers resolved from the dead-letter spec's connection
     * @param nodeId           the sink's node id, for the {@code tsflink.dlq.node} header
     */
    public static RejectedRecordsFactory factory(String bootstrapServers, String topic, String nodeId, String sinkName, RecordType inputType) {
        return metrics -> new KafkaRejectedRecords(bootstrapServers, topic, nodeId, sinkName, inputType, metrics);
    }

    @Override
    public void reject(Row record, String reason) {
        reporter.report(reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaDeadLetterSerializationSchema.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaDeadLetterSerializationSchema.NODE, nodeId.getBytes(StandardCharsets.UTF_8));
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        try {
            unflushed.add(producer.send(new ProducerRecord<>(topic, null, null, null, encoder.encode(record), headers)));
        } catch (RuntimeException e) {
            // Metadata of an unreachable cluster times out here: flush reports it with the others.
            unflushed.add(CompletableFuture.failedFuture(e));
        }
    }

    @Override
    public void flush() throws SinkUnavailableException {
        if (producer == null) {
            return;
        }
        producer.flush();
        List<Future<RecordMetadata>> sent = List.copyOf(unflushed);
        unflushed.clear();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new SinkUnavailableException("dead-letter topic " + topic + " did not take a rejected record: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkUnavailableException("interrupted while sending rejected records to " + topic, e);
            }
        }
    }

    public long count() {
        return reporter.count();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
