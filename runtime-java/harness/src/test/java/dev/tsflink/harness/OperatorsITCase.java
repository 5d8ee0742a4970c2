package dev.tsflink.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.JobSpec;
import dev.tsflink.core.operators.Metrics;
import dev.tsflink.harness.testkit.InMemoryConnectorFactory;
import dev.tsflink.harness.testkit.InMemoryRecord;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compiler's operator cases ({@code compiler/test/cases/op-*}, {@code process-timers}) run on
 * a MiniCluster at parallelism 1 with in-memory JSON input, as the test kit runs them (watermarks
 * after every record, so late records are late on every run). Expected records are worked out
 * from the README's semantics and the pipeline's TypeScript; numbers that need JavaScript
 * arithmetic are what node printed.
 */
class OperatorsITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.miniCluster(METRICS);

    /** What a run wrote, by sink id. */
    private record Run(InMemoryConnectorFactory connectors, JobID job) {
        List<String> sink(String id) {
            return connectors.writtenText(id);
        }

        long counter(String name) {
            return TestClusters.counter(METRICS, job, name);
        }
    }

    @Test
    @Timeout(120)
    void slidingWindowsRefireWithinAllowedLatenessAndSendLaterRecordsToTheLateSink() throws Exception {
        assertSlidingWindows(graph("op-windows", "user-sessions", "perMinute"));
    }

    /**
     * The same windows after a map that copies each click: first/last then cannot read the event
     * time from the source's field and get it paired with each record ({@code pages#event-time}).
     */
    @Test
    @Timeout(120)
    void firstAndLastAfterAMapGetTheEventTimeFromTheRecordsTimestamp() throws Exception {
        assertSlidingWindows(graph("op-windows", root -> {
            ArrayNode nodes = (ArrayNode) root.get("nodes");
            ObjectNode pages = (ObjectNode) nodes.get(1);
            ObjectNode copy = JSON.createObjectNode();
            copy.put("id", "copied").put("uid", "copied").put("name", "map · copy").put("kind", "map").put("outputType", "Click");
            copy.set("location", pages.get("location"));
            copy.putArray("inputs").add("clicks");
            ObjectNode fn = copy.putObject("fn");
            fn.putArray("params").addObject().put("name", "c").put("type", "Click");
            fn.put("returnType", "Click");
            ObjectNode body = fn.putObject("body").put("kind", "object").put("type", "Click");
            ArrayNode fields = body.putArray("fields");
            for (JsonNode field : root.get("types").get(0).get("fields")) {
                ObjectNode read = fields.addObject().put("name", field.get("name").asText()).putObject("value");
                read.put("kind", "field").put("name", field.get("name").asText()).put("optional", false).set("type", field.get("type"));
                read.putObject("target").put("kind", "ref").put("name", "c").put("type", "Click");
            }
            nodes.insert(1, copy);
            ((ArrayNode) pages.get("inputs")).removeAll().add("copied");
        }, "user-sessions", "perMinute"));
    }

    private void assertSlidingWindows(JobGraph graph) throws Exception {
        Run run = run(graph, Map.of("clicks", List.of(
                click("u1", "home", 100, 60_000),
                click("u2", "home", 300, 30_000),
                // Watermark 88,999: the window [-540000, 60000) fires with the 30,000 click.
                click("u1", "home", 200, 90_000),
                // Late for that window but within its minute of allowed lateness: it fires again.
                click("u3", "home", 70, 50_000),
                // Watermark 1,898,999: every home window fires and is gone.
                click("u1", "cart", 50, 1_900_000),
                // Beyond the allowed lateness of all its windows: the late sink.
                click("u1", "home", 10, 1_000))));

        List<String> expected = new ArrayList<>();
        expected.add(pageStats("home", 1, 1, "300", 300, 300, "u2", 30_000, -540_000));
        expected.add(pageStats("home", 2, 2, "185", 70, 300, "u2", 50_000, -540_000));
        for (long start = -480_000; start <= 0; start += 60_000) {
            expected.add(pageStats("home", 4, 3, "167.5", 70, 300, "u2", 90_000, start));
        }
        expected.add(pageStats("home", 2, 1, "150", 100, 200, "u1", 90_000, 60_000));
        for (long start = 1_320_000; start <= 1_860_000; start += 60_000) {
            expected.add(pageStats("cart", 1, 1, "50", 50, 50, "u1", 1_900_000, start));
        }
        assertEquals(expected, run.sink("kafka-sink.page-stats"));
        assertEquals(List.of("{\"userId\":\"u1\",\"page\":\"home\",\"durationMs\":10,\"at\":1000}"), run.sink("pages#late"));
        assertEquals(0, run.counter(Metrics.LATE_RECORDS));
    }

    @Test
    @Timeout(120)
    void sessionWindowsMergeWhenARecordBridgesThemAndLateRecordsAreCounted() throws Exception {
        Run run = run(graph("op-windows", "pages", "perMinute"), Map.of("clicks", List.of(
                click("u5", "docs", 10, 2_000_000),
                // After the first session's end (3,800,000): a session of its own, not yet fired.
                click("u5", "docs", 20, 3_800_500),
                // Overlaps both: the three merge into [2,000,000, 5,600,500).
                click("u5", "docs", 30, 3_000_000),
                // Its session ended long before the watermark (3,799,499): late, no late sink, counted.
                click("u6", "docs", 5, 100_000),
                click("u6", "docs", 7, 3_900_000))));

        assertEquals(List.of(
                "{\"userId\":\"u5\",\"clicks\":3,\"totalMs\":60,\"start\":2000000,\"end\":5600500}",
                "{\"userId\":\"u6\",\"clicks\":1,\"totalMs\":7,\"start\":3900000,\"end\":5700000}"),
                run.sink("kafka-sink.sessions"));
        assertEquals(1, run.counter(Metrics.LATE_RECORDS));
    }

    @Test
    @Timeout(120)
    void reduceEmitsTheFirstRecordThenEachRollingValue() throws Exception {
        Run run = run(graph("op-reduce"), Map.of("payments", List.of(
                "{\"customerId\":\"c1\",\"amount\":10,\"count\":1,\"at\":1000}",
                "{\"customerId\":\"c2\",\"amount\":5,\"count\":1,\"at\":2000}",
                "{\"customerId\":\"c1\",\"amount\":2.5,\"count\":1,\"at\":500}",
                "{\"customerId\":\"c1\",\"amount\":0.1,\"count\":1,\"at\":3000}")));

        assertEquals(List.of(
                "{\"customerId\":\"c1\",\"amount\":10,\"count\":1,\"at\":1000}",
                "{\"customerId\":\"c2\",\"amount\":5,\"count\":1,\"at\":2000}",
                "{\"customerId\":\"c1\",\"amount\":12.5,\"count\":2,\"at\":1000}",
                // 12.5 + 0.1 in JavaScript.
                "{\"customerId\":\"c1\",\"amount\":12.6,\"count\":3,\"at\":3000}"),
                run.sink("kafka-sink.running-totals"));
    }

    @Test
    @Timeout(120)
    void intervalJoinBoundsAreInclusive() throws Exception {
        Run run = run(graph("op-interval-join"), Map.of(
                "impressions", List.of(
                        "{\"adId\":\"a\",\"impressionId\":\"i1\",\"at\":100000}",
                        "{\"adId\":\"b\",\"impressionId\":\"i3\",\"at\":100000}",
                        "{\"adId\":\"a\",\"impressionId\":\"i2\",\"at\":400000}",
                        "{\"adId\":\"a\",\"impressionId\":\"i4\",\"at\":450000}"),
                "clicks", List.of(
                        // Matches i1 at exactly five minutes before and i2 at the same instant.
                        "{\"adId\":\"a\",\"userId\":\"u1\",\"at\":400000}",
                        // i3 is a second more than five minutes before.
                        "{\"adId\":\"b\",\"userId\":\"u2\",\"at\":401000}",
                        "{\"adId\":\"a\",\"userId\":\"u3\",\"at\":460000}")));

        // Two inputs have no defined interleaving, so neither has the join's output order.
        assertEquals(List.of(
                "{\"adId\":\"a\",\"impressionId\":\"i1\",\"userId\":\"u1\",\"delayMs\":300000}",
                "{\"adId\":\"a\",\"impressionId\":\"i2\",\"userId\":\"u1\",\"delayMs\":0}",
                "{\"adId\":\"a\",\"impressionId\":\"i2\",\"userId\":\"u3\",\"delayMs\":60000}",
                "{\"adId\":\"a\",\"impressionId\":\"i4\",\"userId\":\"u3\",\"delayMs\":10000}"),
                run.sink("kafka-sink.attributed-clicks").stream().sorted().toList());
    }

    @Test
    @Timeout(120)
    void windowJoinPairsRecordsOfOneWindowAndKey() throws Exception {
        Run run = run(graph("op-window-join"), Map.of(
                "orders", List.of(
                        "{\"orderId\":\"o1\",\"amount\":10,\"at\":1000}",
                        "{\"orderId\":\"o2\",\"amount\":20,\"at\":3600500}"),
                "shipments", List.of(
                        "{\"orderId\":\"o1\",\"carrier\":\"\",\"at\":2000}",
                        "{\"orderId\":\"o1\",\"carrier\":\"DHL\",\"at\":1800000}",
                        // The next hour: o1 has no order there.
                        "{\"orderId\":\"o1\",\"carrier\":\"UPS\",\"at\":3650000}",
                        "{\"orderId\":\"o2\",\"carrier\":\"UPS\",\"at\":3700000}")));

        assertEquals(List.of(
                "{\"orderId\":\"o1\",\"amount\":10,\"carrier\":\"DHL\",\"hoursToShip\":0.49972222222222223}",
                "{\"orderId\":\"o2\",\"amount\":20,\"carrier\":\"UPS\",\"hoursToShip\":0.02763888888888889}"),
                run.sink("kafka-sink.order-shipments"));
    }

    @Test
    @Timeout(120)
    void processKeepsValueAndMapStateAndFiresEventTimeTimers() throws Exception {
        Run run = run(graph("process-timers"), Map.of("payments", List.of(
                payment("p1", "k1", "A", 1000),
                payment("p2", "k1", "B", 2000),
                // Third payment, new merchant, no "trusted": NEW_MERCHANTS.
                payment("p3", "k1", "C", 3000),
                payment("p4", "k1", "C", 4000),
                // Fifth: BURST, then return.
                payment("p5", "k1", "D", 5000),
                payment("p6", "k2", "trusted", 6000),
                payment("p7", "k2", "X", 7000),
                // A trusted merchant was seen: no alert.
                payment("p8", "k2", "Y", 8000),
                // Processed before the watermark it raises (67,999) fires k1's timer (61,000) and k2's (66,000).
                payment("p9", "k1", "E", 70000),
                payment("p10", "k2", "Z", 71000))));

        assertEquals(List.of(
                "{\"cardId\":\"k1\",\"reason\":\"NEW_MERCHANTS\",\"payments\":3,\"at\":3000}",
                "{\"cardId\":\"k1\",\"reason\":\"BURST\",\"payments\":5,\"at\":5000}",
                "{\"cardId\":\"k1\",\"reason\":\"NEW_MERCHANTS\",\"payments\":6,\"at\":70000}",
                "{\"cardId\":\"k1\",\"reason\":\"BURST\",\"payments\":6,\"at\":61000}"),
                run.sink("kafka-sink.alerts"));
        assertEquals(0, run.counter(Metrics.RECORD_ERRORS));
    }

    @Test
    @Timeout(120)
    void flatMapOfRecordsWidenedToTheDeclaredTypeAndUnion() throws Exception {
        Run run = run(graph("op-flat-map-union"), Map.of(
                "orders", List.of("{\"orderId\":\"o1\",\"createdAt\":1,\"lines\":["
                        + "{\"sku\":\"a\",\"price\":1,\"quantity\":2},{\"sku\":\"b\",\"price\":2,\"quantity\":1}]}"),
                "returns", List.of(
                        "{\"orderId\":\"o1\",\"sku\":\"\",\"at\":5}",
                        "{\"orderId\":\"o1\",\"sku\":\"a\",\"at\":6}")));

        assertEquals(List.of(
                "{\"orderId\":\"o1\",\"sku\":\"a\",\"delta\":-1}",
                "{\"orderId\":\"o1\",\"sku\":\"a\",\"delta\":2}",
                "{\"orderId\":\"o1\",\"sku\":\"b\",\"delta\":1}"),
                run.sink("kafka-sink.line-events").stream().sorted().toList());
    }

    @Test
    @Timeout(120)
    void flatMapEmitsEachItemUnionMergesAndADoubleKeyTreatsMinusZeroAsZeroAndNaNAsARecordError() throws Exception {
        JobGraph graph = JobGraphLoader.load(new String(
                OperatorsITCase.class.getResourceAsStream("/graphs/flat-map-union-keys.json").readAllBytes(), StandardCharsets.UTF_8));
        Run run = run(graph, Map.of(
                "events", List.of(
                        "{\"id\":\"e1\",\"x\":0,\"y\":1,\"tags\":[\"a\",\"b\"]}",
                        // 0 / -1 is -0: the same key as 0.
                        "{\"id\":\"e2\",\"x\":0,\"y\":-1,\"tags\":[]}",
                        // 0 / 0 is NaN: no key, a record error before keying.
                        "{\"id\":\"e3\",\"x\":0,\"y\":0,\"tags\":[\"c\"]}",
                        "{\"id\":\"e4\",\"x\":1,\"y\":1,\"tags\":[]}",
                        "{\"id\":\"e5\",\"x\":0,\"y\":5,\"tags\":[\"d\"]}"),
                "extra", List.of("{\"id\":\"x1\",\"tag\":\"z\"}")));

        assertEquals(List.of(
                "{\"id\":\"e1\",\"tag\":\"a\"}",
                "{\"id\":\"e1\",\"tag\":\"b\"}",
                "{\"id\":\"e3\",\"tag\":\"c\"}",
                "{\"id\":\"e5\",\"tag\":\"d\"}",
                "{\"id\":\"x1\",\"tag\":\"z\"}"),
                run.sink("sink.tags").stream().sorted().toList());
        List<String> flatMapped = run.sink("sink.tags").stream().filter(r -> r.startsWith("{\"id\":\"e")).toList();
        assertEquals(List.of("{\"id\":\"e1\",\"tag\":\"a\"}", "{\"id\":\"e1\",\"tag\":\"b\"}",
                "{\"id\":\"e3\",\"tag\":\"c\"}", "{\"id\":\"e5\",\"tag\":\"d\"}"), flatMapped, "one input's order is kept");
        assertEquals(List.of(
                "{\"key\":0,\"c\":1}",
                "{\"key\":0,\"c\":2}",
                "{\"key\":1,\"c\":1}",
                "{\"key\":0,\"c\":3}"),
                run.sink("sink.per-key"));
        assertEquals(1, run.counter(Metrics.RECORD_ERRORS));
    }

    @Test
    @Timeout(120)
    void processStateTellsNullFromAbsentAndMapKeysFollowSameValueZero() throws Exception {
        JobGraph graph = JobGraphLoader.load(new String(
                OperatorsITCase.class.getResourceAsStream("/graphs/process-state.json").readAllBytes(), StandardCharsets.UTF_8));
        Run run = run(graph, Map.of("events", List.of(
                "{\"k\":0,\"note\":\"a\"}",
                // -0 is key 0 and map key 0; the state is set to null, not cleared.
                "{\"k\":-0.0,\"note\":null}",
                "{\"k\":0,\"note\":\"b\"}",
                "{\"k\":1,\"note\":\"c\"}")));

        assertEquals(List.of(
                "{\"k\":0,\"before\":\"none\",\"has\":false,\"n\":0}",
                "{\"k\":0,\"before\":\"a\",\"has\":true,\"n\":1}",
                "{\"k\":0,\"before\":null,\"has\":true,\"n\":2}",
                "{\"k\":1,\"before\":\"none\",\"has\":false,\"n\":0}"),
                run.sink("sink.out"));
    }

    // ------------------------------------------------------------------ helpers

    private static String click(String user, String page, int durationMs, long at) {
        return "{\"userId\":\"" + user + "\",\"page\":\"" + page + "\",\"durationMs\":" + durationMs + ",\"at\":" + at + "}";
    }

    private static String payment(String id, String card, String merchant, long at) {
        return "{\"paymentId\":\"" + id + "\",\"cardId\":\"" + card + "\",\"merchant\":\"" + merchant + "\",\"amount\":1,\"at\":" + at + "}";
    }

    private static String pageStats(String page, long views, long visitors, String mean, int shortest, int longest,
            String firstUser, long lastAt, long from) {
        return "{\"page\":\"" + page + "\",\"views\":" + views + ",\"visitors\":" + visitors + ",\"meanDuration\":" + mean
                + ",\"shortest\":" + shortest + ",\"longest\":" + longest + ",\"firstUser\":\"" + firstUser + "\",\"lastAt\":"
                + lastAt + ",\"from\":" + from + ",\"to\":" + (from + 600_000) + "}";
    }

    /**
     * A compiler case's graph without the nodes {@code drop} (and the nodes reading them), at
     * parallelism 1 without checkpoints, so each sink sees records in one defined order.
     */
    private static JobGraph graph(String caseName, String... drop) throws Exception {
        return graph(caseName, root -> { }, drop);
    }

    private static JobGraph graph(String caseName, Consumer<ObjectNode> change, String... drop) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(RepoFiles.read("compiler/test/cases/" + caseName + "/expected.json"));
        change.accept(root);
        Set<String> dropped = new HashSet<>(List.of(drop));
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode node : root.get("nodes")) {
            boolean readsDropped = false;
            for (JsonNode input : node.get("inputs")) {
                readsDropped |= dropped.contains(input.asText());
            }
            if (readsDropped) {
                dropped.add(node.get("id").asText());
            }
            if (!dropped.contains(node.get("id").asText())) {
                kept.add(node);
            }
        }
        root.set("nodes", kept);
        JobGraph graph = JobGraphLoader.load(JSON.writeValueAsString(root));
        JobSpec job = graph.job();
        JobSpec once = new JobSpec(job.name(), 1,
                new JobSpec.CheckpointSpec(0, false, job.checkpoint().timeoutMs(), job.checkpoint().minPauseMs()),
                new JobSpec.RestartSpec(0, 0), job.deadLetter());
        return new JobGraph(graph.schemaVersion(), graph.compilerVersion(), once, graph.types(), graph.nodes());
    }

    private static Run run(JobGraph graph, Map<String, List<String>> inputs) throws Exception {
        Map<String, List<InMemoryRecord>> records = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : inputs.entrySet()) {
            records.put(e.getKey(), e.getValue().stream()
                    .map(json -> InMemoryRecord.json(json.getBytes(StandardCharsets.UTF_8))).toList());
        }
        InMemoryConnectorFactory connectors = new InMemoryConnectorFactory(records, true);
        JobClient client = StreamJobBuilder.build(graph, connectors).executeAsync(graph.job().name());
        client.getJobExecutionResult().get();
        return new Run(connectors, client.getJobID());
    }
}
