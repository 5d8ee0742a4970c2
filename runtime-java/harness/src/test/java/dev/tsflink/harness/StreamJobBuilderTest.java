package dev.tsflink.harness;

import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.harness.testkit.InMemoryConnectorFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Flink job built from a graph: job settings, and every operator's name, uid and parallelism. */
class StreamJobBuilderTest {

    private static StreamGraph streamGraph(JobGraph graph) {
        return StreamJobBuilder.build(graph, new InMemoryConnectorFactory(Map.of(), false)).getStreamGraph();
    }

    /** "name | uid | parallelism" of each operator, sources first. */
    private static List<String> operators(StreamGraph g) {
        return g.getStreamNodesSortedTopologicallyFromSources().stream()
                .map(StreamJobBuilderTest::describe)
                .toList();
    }

    private static String describe(StreamNode n) {
        return n.getOperatorName() + " | " + n.getTransformationUID() + " | " + n.getParallelism();
    }

    @Test
    void ordersBasic() {
        JobGraph graph = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/orders-basic/expected.json"));
        StreamGraph g = streamGraph(graph);

        assertEquals("orders-basic", graph.job().name());
        CheckpointConfig checkpoints = g.getCheckpointConfig();
        assertEquals(graph.job().checkpoint().intervalMs(), checkpoints.getCheckpointInterval());
        assertEquals(CheckpointingMode.EXACTLY_ONCE, checkpoints.getCheckpointingConsistencyMode());
        assertEquals(graph.job().checkpoint().timeoutMs(), checkpoints.getCheckpointTimeout());
        assertEquals(graph.job().checkpoint().minPauseMs(), checkpoints.getMinPauseBetweenCheckpoints());

        Configuration job = g.getJobConfiguration();
        assertEquals("fixed-delay", job.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(graph.job().restart().attempts(), job.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS));
        assertEquals(Duration.ofMillis(graph.job().restart().delayMs()), job.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY));

        String source = graph.nodes().get(0).name();
        assertEquals(List.of(
                "Source: " + source + " | orders | 1",
                source + " · dead letters | orders#dead-letter-router | 1",
                "dead letters orders.dlq · pipeline.ts:24: Writer | orders.dead-letter | 1",
                "filter · pipeline.ts:29 | paid.filter | 1",
                "map · pipeline.ts:30 | paid | 1",
                "sink orders.paid · pipeline.ts:41: Writer | kafka-sink.orders.paid | 1",
                // The test kit collects what operators fail on whether or not the pipeline has a deadLetter.
                "operator dead letters: Writer | #operator-dead-letters | 1"), operators(g));
    }

    @Test
    void expressionsHonoursNodeParallelismAndAtLeastOnce() {
        JobGraph graph = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/expressions/expected.json"));
        StreamGraph g = streamGraph(graph);
        assertEquals(CheckpointingMode.AT_LEAST_ONCE, g.getCheckpointConfig().getCheckpointingConsistencyMode());
        assertEquals(5, g.getJobConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS));
        List<String> ops = operators(g);
        // The job runs at 3; one sink asks for 1.
        assertEquals(3, graph.job().parallelism());
        assertEquals(List.of(
                "Source: source readings · pipeline.ts:22 | sensor-readings | 3",
                "source readings · pipeline.ts:22 · dead letters | sensor-readings#dead-letter-router | 3",
                "filter · pipeline.ts:24 | converted.filter | 3",
                "filter · pipeline.ts:25 | converted.filter2 | 3",
                "map · pipeline.ts:26 | converted | 3",
                "sink readings.f · pipeline.ts:46: Writer | kafka-sink.readings.f | 1",
                "filter · pipeline.ts:47 | alarms.filter | 3",
                "sink readings.alarms · pipeline.ts:47: Writer | alarms | 3",
                "operator dead letters: Writer | #operator-dead-letters | 3"), ops);
    }

    /**
     * On a cluster the operators' dead letters go to job.deadLetter, a Kafka sink with the spec's
     * uid and name; without one there is no such sink (the failures are counted and logged).
     */
    @Test
    void theJobsDeadLetterIsOneSinkOfEveryOperatorsFailuresOnlyWhenThePipelineDeclaresIt() {
        ClusterConnectorFactory cluster = new ClusterConnectorFactory(
                new SecretResolver(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"), name -> null));
        JobGraph reduce = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/op-reduce/expected.json"));
        assertEquals(List.of(
                "Source: source payments · pipeline.ts:12 | payments | 1",
                "source payments · pipeline.ts:12 · dead letters | payments#dead-letter-router | 1",
                "reduce · pipeline.ts:15 | totals | 1",
                "sink running-totals · pipeline.ts:16: Writer | kafka-sink.running-totals | 1",
                "sink running-totals · pipeline.ts:16: Committer | Sink Committer: kafka-sink.running-totals | 1",
                "dead letters running-totals.failed · pipeline.ts:11: Writer | pipeline.dead-letters | 1",
                "dead letters running-totals.failed · pipeline.ts:11: Committer | Sink Committer: pipeline.dead-letters | 1"),
                operators(StreamJobBuilder.build(reduce, cluster).getStreamGraph()));
        JobGraph basic = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/orders-basic/expected.json"));
        assertEquals(List.of(),
                operators(StreamJobBuilder.build(basic, cluster).getStreamGraph()).stream()
                        .filter(op -> op.contains("operator dead letters") || op.contains("pipeline.dead-letters")).toList());
    }

    @Test
    void operatorsAddedForANodeTakeItsUidWithASuffix() throws Exception {
        assertEquals(List.of(
                "Source: source clicks · pipeline.ts:12 | clicks | 1",
                "source clicks · pipeline.ts:12 · dead letters | clicks#dead-letter-router | 1",
                "aggregate · pipeline.ts:18 | pages | 1",
                "late clicks.late · pipeline.ts:17: Writer | pages.late | 1",
                "sink page-stats · pipeline.ts:44: Writer | kafka-sink.page-stats | 1",
                "aggregate · pipeline.ts:33 | user-sessions | 1",
                "aggregate · pipeline.ts:33 · late records dropped | user-sessions#late-records | 1",
                "sink sessions · pipeline.ts:45: Writer | kafka-sink.sessions | 1",
                "aggregate · pipeline.ts:43 | perMinute | 1",
                "aggregate · pipeline.ts:43 · late records dropped | perMinute#late-records | 1",
                // No function of these windows can fail (no key check): nothing sends dead letters.
                "sink page-views-per-minute · pipeline.ts:46: Writer | kafka-sink.page-views-per-minute | 1"),
                operators(streamGraph(JobGraphLoader.load(RepoFiles.read("compiler/test/cases/op-windows/expected.json")))));
        // With two sources Flink's topological order between the branches is not fixed: compared sorted.
        assertEquals(sorted(
                "Source: source orders · pipeline.ts:16 | orders | 1",
                "Source: source shipments · pipeline.ts:17 | shipments | 1",
                "source orders · pipeline.ts:16 · dead letters | orders#dead-letter-router | 1",
                "windowJoin · pipeline.ts:20 · left | shipped#left | 1",
                "source shipments · pipeline.ts:17 · dead letters | shipments#dead-letter-router | 1",
                "filter · pipeline.ts:20 | shipped.right.filter | 1",
                "windowJoin · pipeline.ts:20 · right | shipped#right | 1",
                "windowJoin · pipeline.ts:20 | shipped | 1",
                "sink order-shipments · pipeline.ts:26: Writer | kafka-sink.order-shipments | 1",
                "operator dead letters: Writer | #operator-dead-letters | 1"),
                operators(streamGraph(JobGraphLoader.load(RepoFiles.read("compiler/test/cases/op-window-join/expected.json"))))
                        .stream().sorted().toList());
        // A key function that can fail (a double key may be NaN) is checked before keying; a field read is not.
        assertEquals(sorted(
                "Source: source events | events | 1",
                "Source: source extra | extra | 1",
                "source events · dead letters | events#dead-letter-router | 1",
                "flat-map · t.ts:3 | split | 1",
                "map · t.ts:5 | ratios | 1",
                "reduce · t.ts:6 · key check | perKey#key-check | 1",
                "reduce · t.ts:6 | perKey | 1",
                "sink per-key: Writer | sink.per-key | 1",
                "source extra · dead letters | extra#dead-letter-router | 1",
                "sink tags: Writer | sink.tags | 1",
                "operator dead letters: Writer | #operator-dead-letters | 1"),
                operators(streamGraph(JobGraphLoader.load(new String(StreamJobBuilderTest.class
                        .getResourceAsStream("/graphs/flat-map-union-keys.json").readAllBytes(), StandardCharsets.UTF_8))))
                        .stream().sorted().toList());
    }

    private static List<String> sorted(String... operators) {
        return java.util.Arrays.stream(operators).sorted().toList();
    }
}
