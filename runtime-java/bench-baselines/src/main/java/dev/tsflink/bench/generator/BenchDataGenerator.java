package dev.tsflink.bench.generator;

import dev.tsflink.bench.clickstream.Click;
import dev.tsflink.bench.fraud.Transaction;
import dev.tsflink.bench.orders.OrderAvro;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Preloads a benchmark topic with Avro records, much faster than a Node producer can:
 * {@code BenchDataGenerator --case orders|clicks|transactions --topic <t> --count <n> [--bootstrap <servers>]}.
 * Each record goes to the partition of its key (customer, user, card), as a keyed producer would,
 * so the records of one key reach Flink in one order on every run, and each partition is in
 * event-time order up to the case's own disorder. The value carries no key (the pipelines read
 * values only) and the Kafka timestamp is the time of writing. Prints the elapsed time.
 */
public final class BenchDataGenerator {

    private BenchDataGenerator() {}

    /** What the producer needs besides the value: the record's key, which chooses its partition. */
    private record Written(String key) {}

    @FunctionalInterface
    private interface Encoder {
        Written encode(long i, BinaryEncoder out) throws IOException;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String name = options.get("--case");
        String topic = options.get("--topic");
        if (name == null || topic == null || !options.containsKey("--count")) {
            throw new IllegalArgumentException("usage: BenchDataGenerator --case orders|clicks|transactions --topic <t> --count <n> [--bootstrap <servers>]");
        }
        long count = Long.parseLong(options.get("--count"));
        Encoder encoder = switch (name) {
            case "orders" -> (i, out) -> {
                var o = BenchData.order(i);
                OrderAvro.encode(o, out);
                return new Written(o.customerId);
            };
            case "clicks" -> (i, out) -> {
                Click c = BenchData.click(i);
                Click.Avro.encode(c, out);
                return new Written(c.userId);
            };
            case "transactions" -> (i, out) -> {
                Transaction t = BenchData.transaction(i);
                Transaction.Avro.encode(t, out);
                return new Written(t.cardId);
            };
            default -> throw new IllegalArgumentException("unknown case '" + name + "': orders, clicks or transactions");
        };

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.getOrDefault("--bootstrap", "localhost:9092"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        long started = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            int partitions = producer.partitionsFor(topic).size();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            BinaryEncoder out = null;
            for (long i = 0; i < count && failure.get() == null; i++) {
                bytes.reset();
                out = EncoderFactory.get().binaryEncoder(bytes, out);
                Written written = encoder.encode(i, out);
                out.flush();
                int partition = Math.floorMod(written.key().hashCode(), partitions);
                // No Kafka timestamp of our own: the producer's clock. Event times in 2026-01 would be
                // older than the broker's retention, which would delete the input as it is written.
                producer.send(new ProducerRecord<>(topic, partition, null, null, bytes.toByteArray()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        System.out.printf("%d %s records into %s in %.1f s%n", count, name, topic, (System.nanoTime() - started) / 1e9);
    }
}
