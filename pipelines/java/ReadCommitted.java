import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from their beginning with Kafka's own consumer and isolation.level=read_committed,
 * printing one JSON object per line: first {@code {"ready":true}} once every partition is assigned
 * and positioned, then {@code {"topic","partition","offset","value","headers":[[key,value],…]}} per
 * record, values and header values in base64. It reads until its standard input closes, which is
 * how pipelines/kafka-io.ts decides when it has read enough.
 *
 * <pre>java -cp &lt;kafka-clients classpath&gt; ReadCommitted.java &lt;bootstrap servers&gt; &lt;topic&gt;…</pre>
 *
 * kafkajs is not trusted with this: its read_committed filter assumes a fetch lists aborted
 * transactions by first offset and starts skipping at most one per record, but the broker lists them
 * in the order they were aborted, so when transactions of two producers overlap in a partition (every
 * Flink sink subtask writes every partition), records of an aborted one come through.
 */
public class ReadCommitted {
    public static void main(String[] args) throws IOException {
        Properties config = new Properties();
        config.put("bootstrap.servers", args[0]);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        ObjectMapper json = new ObjectMapper();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Thread stdinWatch = new Thread(ReadCommitted::awaitEndOfInput);
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Arrays.asList(args).subList(1, args.length)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
                if (infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
                }
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            // Assigned, not subscribed: no consumer group, so no group join or rebalance to wait for.
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition partition : partitions) {
                consumer.position(partition, Duration.ofSeconds(60));
            }
            out.println("{\"ready\":true}");
            out.flush();
            while (stdinWatch.isAlive()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ObjectNode line = json.createObjectNode();
                    line.put("topic", record.topic());
                    line.put("partition", record.partition());
                    line.put("offset", record.offset());
                    line.put("value", record.value());
                    ArrayNode headers = line.putArray("headers");
                    for (Header header : record.headers()) {
                        headers.addArray().add(header.key()).add(header.value());
                    }
                    out.println(json.writeValueAsString(line));
                }
                out.flush();
            }
        }
    }

    private static void awaitEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // Nothing is sent; only the end of input matters.
            }
        } catch (IOException e) {
            // A broken stdin means the reader's parent is gone: stop as if it had closed it.
        }
    }
}
