package dev.tsflink.harness;

import dev.tsflink.connector.kafka.KafkaSinkTranslator;
import dev.tsflink.connector.kafka.KafkaSourceTranslator;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobSpec;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.graph.Node.FilterNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.MapNode;
import dev.tsflink.core.operators.GeneratedFilterFunction;
import dev.tsflink.core.operators.GeneratedMapFunction;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the Flink DataStream job of a loaded job graph: job configuration (checkpointing, restart
 * strategy, parallelism) and every node in topological order with its name, uid and parallelism,
 * then the one sink of every operator's dead letters ({@link DeadLetterStreams}). Connector
 * endpoints come from a {@link ConnectorFactory}, so the same job runs against Kafka or against
 * in-memory sources and sinks in tests.
 */
public final class StreamJobBuilder {

    private StreamJobBuilder() {}

    /** The job-level settings of the graph, as Flink configuration. */
    public static Configuration configuration(JobSpec job) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, job.restart().attempts());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(job.restart().delayMs()));
        return conf;
    }

    /** A new environment with the graph's job added to it; run it with {@code execute(job name)}. */
    public static StreamExecutionEnvironment build(JobGraph graph, ConnectorFactory connectors) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration(graph.job()));
        addJob(env, graph, connectors);
        return env;
    }

    static void addJob(StreamExecutionEnvironment env, JobGraph graph, ConnectorFactory connectors) {
        JobSpec job = graph.job();
        env.setParallelism(job.parallelism());
        // Generated operators never modify their input rows nor keep them between calls, and
        // sources build a new row per record, so Flink need not copy rows between chained operators.
        env.getConfig().enableObjectReuse();
        JobSpec.CheckpointSpec checkpoint = job.checkpoint();
        if (checkpoint.enabled()) {
            env.enableCheckpointing(checkpoint.intervalMs(),
                    checkpoint.exactlyOnce() ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
            CheckpointConfig config = env.getCheckpointConfig();
            config.setCheckpointTimeout(checkpoint.timeoutMs());
            config.setMinPauseBetweenCheckpoints(checkpoint.minPauseMs());
        }

        Map<String, DataStream<Row>> streams = new HashMap<>();
        DeadLetterStreams deadLetters = new DeadLetterStreams(connectors.createOperatorDeadLetterSink(job.deadLetter()));
        for (Node node : graph.nodes()) {
            int parallelism = node.parallelism() != null ? node.parallelism() : job.parallelism();
            if (node instanceof KafkaSourceNode source) {
                streams.put(source.id(), KafkaSourceTranslator.translate(env, source, connectors, parallelism));
            } else if (node instanceof FilterNode filter) {
                DataStream<Row> input = streams.get(filter.inputs().get(0));
                GeneratedFilterFunction fn = new GeneratedFilterFunction(JavaFunctionGenerator.generateFilter(filter.id(), filter.fn()),
                        filter.fn().paramType(), deadLetters.origin(filter, "filter"));
                streams.put(filter.id(), deadLetters.of(input.process(fn, RowTypes.rowTypeInfo(filter.outputType()))
                        .name(filter.name())
                        .uid(filter.uid())
                        .setParallelism(parallelism)));
            } else if (node instanceof MapNode map) {
                DataStream<Row> input = streams.get(map.inputs().get(0));
                GeneratedMapFunction fn = new GeneratedMapFunction(JavaFunctionGenerator.generateMap(map.id(), map.fn(), map.outputType()),
                        map.fn().paramType(), deadLetters.origin(map, "map"));
                streams.put(map.id(), deadLetters.of(input.process(fn, RowTypes.rowTypeInfo(map.outputType()))
                        .name(map.name())
                        .uid(map.uid())
                        .setParallelism(parallelism)));
            } else if (node instanceof KafkaSinkNode sink) {
                KafkaSinkTranslator.translate(streams.get(sink.inputs().get(0)), sink, connectors, parallelism);
            } else if (node instanceof Node.OperatorNode operator) {
                streams.put(operator.id(), OperatorTranslator.translate(operator, graph, streams, connectors, deadLetters, parallelism));
            } else if (node instanceof Node.DatabaseSinkNode sink) {
                streams.get(sink.inputs().get(0)).sinkTo(connectors.createDatabaseSink(sink))
                        .name(sink.name())
                        .uid(sink.uid())
                        .setParallelism(parallelism);
            } else {
                throw new IllegalStateException("no translation for node kind " + node.getClass().getSimpleName());
            }
        }
        deadLetters.addSink(job.deadLetter(), job.parallelism());
        for (Node node : graph.unreadNodes()) {
            Sink<Row> unread = connectors.createUnreadStreamSink(node);
            if (unread != null) {
                streams.get(node.id()).sinkTo(unread)
                        .name(node.name() + " · unread records")
                        .uid(node.uid() + "#unread-records");
            }
        }
    }
}
