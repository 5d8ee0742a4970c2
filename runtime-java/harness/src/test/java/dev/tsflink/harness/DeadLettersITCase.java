package dev.tsflink.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.connector.kafka.KafkaDeadLetterSerializationSchema;
import dev.tsflink.connector.kafka.KafkaOperatorDeadLetterSerializationSchema;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.JobSpec;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.operators.Metrics;
import dev.tsflink.core.operators.OperatorDeadLetter;
import dev.tsflink.harness.testkit.InMemoryConnectorFactory;
import dev.tsflink.harness.testkit.InMemoryRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code compiler/test/cases/op-dead-letters}: each operator kind's function fails for one record
 * (pair, timer) of several. Those become dead letters naming the node, its kind, its TypeScript
 * location and the reason, with the JSON of what failed, here read back from the Kafka records
 * job.deadLetter would get; every other record's output is exact.
 */
class DeadLettersITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();
    private static final String FILE = "compiler/test/cases/op-dead-letters/pipeline.ts";
    /** Minute-aligned, so the readings share one tumbling window. */
    private static final long T = 1_699_999_980_000L;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.miniCluster(METRICS);

    @Test
    @Timeout(180)
    void everyOperatorSendsTheRecordItFailsOnToTheDeadLettersAndTheOthersOn() throws Exception {
        JobGraph graph = graph();
        Map<String, List<InMemoryRecord>> inputs = new LinkedHashMap<>();
        // As the sinks write them back: 1e10 in JavaScript's notation.
        List<String> all = List.of(
                reading("r1", "s1", 0, ""),
                reading("r2", "s1", 1000, "\"f\":-1"),
                reading("r3", "s1", 2000, "\"m\":10000000000"),
                reading("r4", "s1", 3000, "\"note\":null"),
                reading("r5", "s1", 4000, "\"k\":0"),
                reading("r6", "s1", 5000, "\"w\":10000000000"),
                reading("r7", "s1", 6000, "\"j\":10000000000"),
                reading("r8", "s2", 7000, "\"p\":10000000000"),
                reading("r9", "s3", 8000, ""));
        inputs.put("r", json(all.toArray(new String[0])));
        inputs.put("l", json(S1_LIMIT, S3_LIMIT));
        InMemoryConnectorFactory connectors = new InMemoryConnectorFactory(inputs, true);
        JobClient client = StreamJobBuilder.build(graph, connectors).executeAsync(graph.job().name());
        client.getJobExecutionResult().get();

        List<String> letters = new ArrayList<>();
        for (Node node : graph.nodes()) {
            for (OperatorDeadLetter letter : connectors.operatorDeadLetters(node.id())) {
                letters.add(describe(letter));
            }
        }
        assertEquals(List.of(
                letter("filter repeated 36:22", 1000, "fn.body.left.target: RangeError: Invalid count value: -1",
                        reading("r2", "s1", 1000, "\"f\":-1")),
                letter("map milli 38:19", 2000, "fn.body.fields[1].value: 10000000000000 is outside the int range",
                        reading("r3", "s1", 2000, "\"m\":10000000000")),
                letter("flat-map notes 40:19", 3000, "fn.body.items[0].fields[1].value: value is null",
                        reading("r4", "s1", 3000, "\"note\":null")),
                // The key check before partitioning reports as the keyed node.
                letter("reduce ratios 42:44", 4000, "key.body: NaN cannot be a key", reading("r5", "s1", 4000, "\"k\":0")),
                // An aggregate's value is checked there too: an aggregate function has no side output.
                letter("window-aggregate sums 46:6", 5000, "aggregates[1].fn.body: 10000000000 is outside the int range",
                        reading("r6", "s1", 5000, "\"w\":10000000000")),
                // A join's function fails on a pair: both records, at the pair's (larger) timestamp.
                letter("interval-join over 49:6", 6000, "fn.body.fields[1].value: 10000000000 is outside the int range",
                        "{\"left\":" + reading("r7", "s1", 6000, "\"j\":10000000000") + ",\"right\":" + S1_LIMIT + "}"),
                // At the window's last timestamp.
                letter("window-join windowed 52:6", 59_999, "fn.body.fields[1].value: 10000000000 is outside the int range",
                        "{\"left\":" + reading("r9", "s3", 8000, "") + ",\"right\":" + S3_LIMIT.replace("1e10", "10000000000") + "}"),
                letter("process flags 53:42", 7000, "onElement.body[0].value.fields[1].value: 10000000000 is outside the int range",
                        reading("r8", "s2", 7000, "\"p\":10000000000")),
                letter("process flags 53:42", 9000, "onTimer.body[0].value.fields[1].value: cannot convert Infinity to int",
                        "{\"key\":\"s3\",\"timer\":" + (T + 9000) + "}")),
                letters);
        assertEquals(letters.size(), TestClusters.counter(METRICS, client.getJobID(), Metrics.RECORD_ERRORS));

        assertEquals(without(all, "r2"), connectors.writtenText("kafka-sink.repeated"));
        assertEquals(ids("r1", "r2", "r4", "r5", "r6", "r7", "r8", "r9").stream().map(id -> "{\"id\":\"" + id + "\",\"milli\":1000}").toList(),
                connectors.writtenText("kafka-sink.milli"));
        assertEquals(ids("r1", "r2", "r3", "r5", "r6", "r7", "r8", "r9").stream().map(id -> "{\"id\":\"" + id + "\",\"note\":\"x\"}").toList(),
                connectors.writtenText("kafka-sink.notes"));
        // One key (k / k is 1) without r5: the first reading, its k the running sum.
        List<String> running = new ArrayList<>();
        for (int k = 1; k <= 8; k++) {
            running.add(reading("r1", "s1", 0, "\"k\":" + k));
        }
        assertEquals(running, connectors.writtenText("kafka-sink.ratios"));
        assertEquals(List.of("{\"sensor\":\"s1\",\"total\":6}", "{\"sensor\":\"s2\",\"total\":1}", "{\"sensor\":\"s3\",\"total\":1}"),
                sorted(connectors.writtenText("kafka-sink.sums")));
        assertEquals(ids("r1", "r2", "r3", "r4", "r5", "r6", "r9").stream().map(id -> "{\"id\":\"" + id + "\",\"excess\":1}").toList(),
                sorted(connectors.writtenText("kafka-sink.over")));
        assertEquals(ids("r1", "r2", "r3", "r4", "r5", "r6", "r7").stream().map(id -> "{\"id\":\"" + id + "\",\"cap\":1}").toList(),
                connectors.writtenText("kafka-sink.windowed"));
        // Eight elements but r8, and the timers of s1's seven; s3's timer failed.
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            flags.add("{\"sensor\":\"s1\",\"count\":1}");
        }
        flags.add("{\"sensor\":\"s3\",\"count\":1}");
        assertEquals(flags, sorted(connectors.writtenText("kafka-sink.flags")));
    }

    private static final String S1_LIMIT = "{\"sensor\":\"s1\",\"max\":1,\"cap\":1,\"at\":" + (T + 500) + "}";
    private static final String S3_LIMIT = "{\"sensor\":\"s3\",\"max\":1,\"cap\":1e10,\"at\":" + (T + 600) + "}";

    /** {@code "<operator> <node> <line>:<col>"}, at {@code T + at}. */
    private static String letter(String where, long at, String reason, String value) {
        String[] w = where.split(" ");
        return w[0] + " " + w[1] + " " + FILE + ":" + w[2] + " @" + (T + at) + " " + reason + " " + value;
    }

    private static List<String> ids(String... ids) {
        return List.of(ids);
    }

    private static List<String> sorted(List<String> records) {
        return records.stream().sorted().toList();
    }

    /** The Kafka record job.deadLetter gets: "operator node location @timestamp reason value", read from its headers. */
    private static String describe(OperatorDeadLetter letter) {
        ProducerRecord<byte[], byte[]> record = new KafkaOperatorDeadLetterSerializationSchema("dead-letters.failed")
                .serialize(letter, null, null);
        assertEquals(null, record.key());
        return header(record, KafkaOperatorDeadLetterSerializationSchema.OPERATOR) + " "
                + header(record, KafkaDeadLetterSerializationSchema.NODE) + " "
                + header(record, KafkaOperatorDeadLetterSerializationSchema.LOCATION) + " @" + record.timestamp() + " "
                + header(record, KafkaDeadLetterSerializationSchema.REASON) + " " + new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A reading whose fields make no operator fail, but for {@code bad}. */
    private static String reading(String id, String sensor, long at, String bad) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("f", "2");
        fields.put("m", "1");
        fields.put("note", "\"x\"");
        fields.put("k", "1");
        fields.put("w", "1");
        fields.put("j", "1");
        fields.put("p", "1");
        if (!bad.isEmpty()) {
            String[] kv = bad.split(":", 2);
            fields.put(kv[0].replace("\"", ""), kv[1]);
        }
        StringBuilder json = new StringBuilder("{\"id\":\"" + id + "\",\"sensor\":\"" + sensor + "\",\"at\":" + (T + at));
        fields.forEach((k, v) -> json.append(",\"").append(k).append("\":").append(v));
        return json.append("}").toString();
    }

    private static List<String> without(List<String> readings, String id) {
        return readings.stream().filter(r -> !r.startsWith("{\"id\":\"" + id + "\"")).toList();
    }

    private static List<InMemoryRecord> json(String... records) {
        return List.of(records).stream().map(r -> InMemoryRecord.json(r.getBytes(StandardCharsets.UTF_8))).toList();
    }

    /** The case's graph at parallelism 1 without checkpoints, so each sink sees one defined order. */
    private static JobGraph graph() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(RepoFiles.read(FILE.replace("pipeline.ts", "expected.json")));
        JobGraph graph = JobGraphLoader.load(JSON.writeValueAsString(root));
        JobSpec job = graph.job();
        JobSpec once = new JobSpec(job.name(), 1,
                new JobSpec.CheckpointSpec(0, false, job.checkpoint().timeoutMs(), job.checkpoint().minPauseMs()),
                new JobSpec.RestartSpec(0, 0), job.deadLetter());
        return new JobGraph(graph.schemaVersion(), graph.compilerVersion(), once, graph.types(), graph.nodes());
    }
}
