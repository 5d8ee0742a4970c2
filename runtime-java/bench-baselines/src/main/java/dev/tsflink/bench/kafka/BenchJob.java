package dev.tsflink.bench.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the three hand-written jobs share: arguments, the environment, a Kafka source decoding Avro
 * into a POJO, and exactly-once JSON Kafka sinks. The settings are the ones the tsflink harness
 * uses for the compiled versions (checkpoint interval and mode, object reuse, parallelism,
 * {@code read_committed}, transaction timeout), so the comparison is of the code in between.
 */
public final class BenchJob {

    /** The compiled pipelines' default transaction timeout (15 minutes, the broker's maximum). */
    private static final long TRANSACTION_TIMEOUT_MS = 15 * 60_000L;

    private final Map<String, String> options;
    private final String jobName;

    private BenchJob(String jobName, Map<String, String> options) {
        this.jobName = jobName;
        this.options = options;
    }

    /**
     * {@code --bootstrap host:port} (default {@code localhost:9092}), {@code --input topic},
     * {@code --output-prefix p} (output topics are {@code p.<name>}), {@code --parallelism n}
     * (default 2), {@code --checkpoint-ms n} (default 10000).
     */
    public static BenchJob fromArgs(String jobName, String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --bootstrap <servers> --input <topic> --output-prefix <prefix> "
                        + "[--parallelism <n>] [--checkpoint-ms <n>]; got " + List.of(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return new BenchJob(jobName, options);
    }

    public String jobName() {
        return jobName;
    }

    public String inputTopic() {
        return required("input");
    }

    public String outputTopic(String name) {
        return required("output-prefix") + "." + name;
    }

    private String bootstrap() {
        return options.getOrDefault("bootstrap", "localhost:9092");
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(jobName + " needs --" + name);
        }
        return value;
    }

    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(Integer.parseInt(options.getOrDefault("parallelism", "2")));
        // The harness turns this on for compiled jobs too; these functions never keep or change inputs.
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(Long.parseLong(options.getOrDefault("checkpoint-ms", "10000")), CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointTimeout(600_000);
        return env;
    }

    /** Reads the input topic from the earliest offset, each value decoded by {@code decoder}. */
    public <T> KafkaSource<T> source(AvroDecoder<T> decoder, TypeInformation<T> type) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(bootstrap())
                .setTopics(inputTopic())
                .setGroupId(jobName)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SkippingDeserializer<>(decoder, type))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setClientIdPrefix(jobName)
                .build();
    }

    /** Bounded out-of-orderness on an event-time field, idle partitions released after {@code idleness}. */
    public static <T> WatermarkStrategy<T> eventTime(SerializableTimestampAssigner<T> timestamp, Duration maxOutOfOrderness, Duration idleness) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner(timestamp)
                .withIdleness(idleness);
    }

    /** An exactly-once sink writing each record as one JSON object (Jackson, public fields). */
    public <T> KafkaSink<T> jsonSink(String name) {
        String topic = outputTopic(name);
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap())
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setValueSerializationSchema(new JsonSerializer<T>())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(jobName + "-" + name)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT_MS))
                .build();
    }

    /** Avro binary → POJO. */
    @FunctionalInterface
    public interface AvroDecoder<T> extends java.io.Serializable {
        T decode(byte[] value) throws IOException;
    }

    /** A value that does not decode is logged and skipped, as a hand-written job would. */
    private static final class SkippingDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(SkippingDeserializer.class);

        private final AvroDecoder<T> decoder;
        private final TypeInformation<T> type;

        SkippingDeserializer(AvroDecoder<T> decoder, TypeInformation<T> type) {
            this.decoder = decoder;
            this.type = type;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
            try {
                out.collect(decoder.decode(record.value()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            }
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return type;
        }
    }

    private static final class JsonSerializer<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private transient ObjectMapper mapper;

        @Override
        public byte[] serialize(T element) {
            if (mapper == null) {
                mapper = new ObjectMapper();
            }
            try {
                return mapper.writeValueAsBytes(element);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + element.getClass().getSimpleName() + " as JSON", e);
            }
        }
    }
}
