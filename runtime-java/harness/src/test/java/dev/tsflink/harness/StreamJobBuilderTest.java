package dev.tsflink.harness;

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
                "sink orders.paid · pipeline.ts:41: Writer | kafka-sink.orders.paid | 1"), operators(g));
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
                "sink readings.alarms · pipeline.ts:47: Writer | alarms | 3"), ops);
    }
}
