package dev.tsflink.harness.testkit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.JobSpec;
import dev.tsflink.core.graph.MongoSinkNode;
import dev.tsflink.core.graph.PostgresSinkNode;
import dev.tsflink.core.graph.RedisSinkNode;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.WindowAggregateNode;
import dev.tsflink.core.operators.OperatorDeadLetter;
import dev.tsflink.harness.OperatorTranslator;
import dev.tsflink.harness.StreamJobBuilder;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java half of {@code tsflink/testing}: runs a job graph once on a MiniCluster with bounded
 * in-memory inputs and writes what every sink received, what every stream no node reads emitted,
 * and every dead letter.
 *
 * <pre>
 * TestKitMain --graph graph.json --inputs inputs.json --output output.json [--slots N]
 * inputs:  {"inputs": {"&lt;source id&gt;": [{"record": {…}} | {"valueBase64": "…"}, …]}}
 * output:  {"sinks": {"&lt;sink id&gt;": {"topic": "…", "records": [{…}, …]}},
 *           "streams": {"&lt;id of a node no node reads&gt;": [{…}, …]},
 *           "deadLetters": [{"node": "…", "operator": "…", "location": "file:line:col", "reason": "…",
 *                            "valueBase64": "…", "record": {…}}, …]}
 * </pre>
 *
 * A {@code record} is decoded by the production JSON decoder of the source's type; a
 * {@code valueBase64} by the source's own format. Sink records are the production JSON encoding.
 * Dead letters come node by node in graph order: a source's values that did not decode (no
 * {@code record}) in input order, then an operator's failures in the order it met them, whose
 * {@code record} is what it failed on, as {@code job.deadLetter} would hold it.
 */
public final class TestKitMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One slot by default: every operator then runs one instance, so each sink receives records in
     * input order and a test can compare lists exactly.
     */
    static final int DEFAULT_SLOTS = 1;

    private TestKitMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        JobGraph graph = JobGraphLoader.load(Files.readString(Path.of(options.get("--graph")), StandardCharsets.UTF_8));
        Map<String, List<InMemoryRecord>> inputs =
                readInputs(Files.readAllBytes(Path.of(options.get("--inputs"))), graph);
        int slots = Integer.parseInt(options.getOrDefault("--slots", String.valueOf(DEFAULT_SLOTS)));
        Files.write(Path.of(options.get("--output")), run(graph, inputs, slots));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !List.of("--graph", "--inputs", "--output", "--slots").contains(args[i])) {
                throw new IllegalArgumentException("usage: TestKitMain --graph <file> --inputs <file> --output <file> [--slots <n>]");
            }
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--graph", "--inputs", "--output")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("TestKitMain needs " + required + " <file>");
            }
        }
        return options;
    }

    /** The inputs document, checked against the graph's source ids. */
    static Map<String, List<InMemoryRecord>> readInputs(byte[] document, JobGraph graph) throws IOException {
        List<String> sources = graph.nodes().stream().filter(n -> n instanceof KafkaSourceNode).map(Node::id).toList();
        Map<String, List<InMemoryRecord>> inputs = new LinkedHashMap<>();
        JsonNode bySource = JSON.readTree(document).path("inputs");
        for (Map.Entry<String, JsonNode> entry : bySource.properties()) {
            if (!sources.contains(entry.getKey())) {
                throw new IllegalArgumentException("no source '" + entry.getKey() + "' in the graph; its sources are " + sources);
            }
            List<InMemoryRecord> records = new ArrayList<>();
            for (JsonNode item : entry.getValue()) {
                if (item.has("record")) {
                    records.add(InMemoryRecord.json(JSON.writeValueAsBytes(item.get("record"))));
                } else {
                    records.add(InMemoryRecord.raw(null, Base64.getDecoder().decode(item.get("valueBase64").asText()), -1));
                }
            }
            inputs.put(entry.getKey(), records);
        }
        return inputs;
    }

    /** Runs the graph to completion and returns the output document. */
    static byte[] run(JobGraph graph, Map<String, List<InMemoryRecord>> inputs, int slots) throws Exception {
        InMemoryConnectorFactory connectors = new InMemoryConnectorFactory(inputs, true);
        StreamGraph plan = StreamJobBuilder.build(bounded(graph), connectors).getStreamGraph();
        for (StreamNode node : plan.getStreamNodes()) {
            // Capping keeps equal parallelisms equal, so forward connections stay valid.
            node.setParallelism(Math.min(node.getParallelism(), slots));
        }
        try (MiniCluster cluster = new MiniCluster(clusterConfiguration(slots))) {
            cluster.start();
            JobID job = cluster.submitJob(plan).get().getJobID();
            // Throws the job's failure, with its cause, when it did not finish.
            cluster.requestJobResult(job).get().toJobExecutionResult(TestKitMain.class.getClassLoader());
        }
        return output(graph, connectors);
    }

    /**
     * The graph as a bounded test runs it: no checkpoints (a finishing task would wait for the next
     * one, up to a whole interval) and no restarts (a failure is the test's answer, not something to
     * retry after a delay).
     */
    static JobGraph bounded(JobGraph graph) {
        JobSpec job = graph.job();
        JobSpec.CheckpointSpec checkpoint = job.checkpoint();
        JobSpec once = new JobSpec(job.name(), job.parallelism(),
                new JobSpec.CheckpointSpec(0, checkpoint.exactlyOnce(), checkpoint.timeoutMs(), checkpoint.minPauseMs()),
                new JobSpec.RestartSpec(0, 0), job.deadLetter());
        return new JobGraph(graph.schemaVersion(), graph.compilerVersion(), once, graph.types(), graph.nodes());
    }

    /** Small explicit memory (the machine is shared) and random ports (a local cluster may be up). */
    private static MiniClusterConfiguration clusterConfiguration(int slots) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .withRandomPorts()
                .build();
    }

    /** @param targetField {@code topic}, {@code table} or {@code collection}; null for a Redis sink, named by its id alone */
    private static void writeSink(JsonGenerator out, String id, String targetField, String target, InMemoryConnectorFactory connectors)
            throws IOException {
        out.writeObjectFieldStart(id);
        if (targetField != null) {
            out.writeStringField(targetField, target);
        }
        out.writeArrayFieldStart("records");
        for (String record : connectors.writtenText(id)) {
            out.writeRawValue(record);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static String location(Node node) {
        return node.location().file() + ":" + node.location().line() + ":" + node.location().column();
    }

    /** @param json whether {@code value} is the JSON of a record, written out as {@code record} too */
    private static void writeDeadLetter(JsonGenerator out, String node, String operator, String location, String reason,
            byte[] value, boolean json) throws IOException {
        out.writeStartObject();
        out.writeStringField("node", node);
        out.writeStringField("operator", operator);
        out.writeStringField("location", location);
        out.writeStringField("reason", reason);
        out.writeStringField("valueBase64", Base64.getEncoder().encodeToString(value));
        if (json) {
            out.writeFieldName("record");
            out.writeRawValue(new String(value, StandardCharsets.UTF_8));
        }
        out.writeEndObject();
    }

    private static byte[] output(JobGraph graph, InMemoryConnectorFactory connectors) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeObjectFieldStart("sinks");
            for (Node node : graph.nodes()) {
                if (node instanceof KafkaSinkNode sink) {
                    writeSink(out, sink.id(), "topic", sink.sink().topic(), connectors);
                } else if (node instanceof WindowAggregateNode window && window.late() != null) {
                    // A late sink is a kafka sink of the window's input; its topic finds it.
                    writeSink(out, OperatorTranslator.lateSinkId(window), "topic", window.late().sink().topic(), connectors);
                } else if (node instanceof PostgresSinkNode postgres) {
                    writeSink(out, postgres.id(), "table", postgres.qualifiedTable(), connectors);
                } else if (node instanceof MongoSinkNode mongo) {
                    writeSink(out, mongo.id(), "collection", mongo.collection(), connectors);
                } else if (node instanceof RedisSinkNode redis) {
                    writeSink(out, redis.id(), null, null, connectors);
                }
            }
            out.writeEndObject();
            out.writeObjectFieldStart("streams");
            for (Node node : graph.unreadNodes()) {
                out.writeArrayFieldStart(node.id());
                for (String record : connectors.unreadText(node.id())) {
                    out.writeRawValue(record);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
            out.writeArrayFieldStart("deadLetters");
            for (Node node : graph.nodes()) {
                if (node instanceof KafkaSourceNode source) {
                    for (DeadLetter letter : connectors.deadLetters(source.id())) {
                        writeDeadLetter(out, source.id(), "kafka-source", location(source), letter.reason, letter.value, false);
                    }
                }
                for (OperatorDeadLetter letter : connectors.operatorDeadLetters(node.id())) {
                    writeDeadLetter(out, letter.node, letter.operator, letter.location, letter.reason, letter.value, true);
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
