import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints every record value of a topic, one per line, as Kafka's own consumer reads it with
 * isolation.level=read_committed: kafkajs's read_committed lets records of some aborted transactions
 * through (seen after a TaskManager was killed mid-transaction), so the failure tests read with this.
 *
 * <pre>java -cp &lt;kafka-clients classpath&gt; ReadCommitted.java &lt;bootstrap&gt; &lt;topic&gt; &lt;expected&gt; &lt;timeoutMs&gt; &lt;lingerMs&gt;</pre>
 *
 * Reads from the beginning until `expected` records arrived (or `timeoutMs` passed), then `lingerMs`
 * more, so records behind them (duplicates) are printed too. Values must be single-line text.
 */
public class ReadCommitted {
    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        long expected = Long.parseLong(args[2]);
        long deadline = System.currentTimeMillis() + Long.parseLong(args[3]);
        long linger = Long.parseLong(args[4]);
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("group.id", "tsflink-read-committed-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        config.put("isolation.level", "read_committed");
        long read = 0;
        long lingerUntil = Long.MAX_VALUE;
        StringBuilder out = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.currentTimeMillis() < Math.min(deadline, lingerUntil)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.append(new String(record.value(), StandardCharsets.UTF_8)).append('\n');
                    read++;
                }
                if (out.length() > 1 << 20) {
                    System.out.print(out);
                    out.setLength(0);
                }
                if (read >= expected && lingerUntil == Long.MAX_VALUE) lingerUntil = System.currentTimeMillis() + linger;
            }
        }
        System.out.print(out);
        System.out.flush();
    }
}
