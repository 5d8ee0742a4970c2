package dev.tsflink.connector.kafka;

import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.StartFrom;
import dev.tsflink.core.operators.Metrics;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A kafka-source node without a dead-letter sink, on a MiniCluster with an in-memory topic: rows
 * carry their event-time field as their timestamp, and values that do not decode are counted in
 * {@code tsflink_deadLetters} without stopping the job.
 */
class KafkaSourceTranslatorITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(1)
            .setConfiguration(smallMemory())
            .build());

    private static Configuration smallMemory() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("16m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("16m"));
        return METRICS.addToConfiguration(conf);
    }

    /** One in-memory partition of JSON values; sinks discard (this test has none in its graph). */
    private static final class JsonTopic implements ConnectorFactory {
        private final List<String> values;

        JsonTopic(List<String> values) {
            this.values = values;
        }

        @Override
        public Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder) {
            List<String> records = values;
            GeneratorFunction<Long, Either<Row, DeadLetter>> generator = offset -> decoder.decode(
                    node.topic(), 0, offset, 0L, null, records.get(offset.intValue()).getBytes(StandardCharsets.UTF_8));
            return new DataGeneratorSource<>(generator, records.size(), decoder.producedType());
        }

        @Override
        public Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter) {
            return new DiscardingSink<>();
        }

        @Override
        public Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder) {
            return new DiscardingSink<>();
        }
    }

    @Test
    @Timeout(120)
    void rowsCarryEventTimeAndUndecodableValuesAreCounted() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaSourceNode node = KafkaTestNodes.source(StartFrom.EARLIEST, null);
        JsonTopic topic = new JsonTopic(List.of(
                "{\"id\":\"a\",\"at\":1000}", "not json", "{\"id\":\"b\",\"at\":500}", "{\"id\":\"c\"}", "{\"id\":\"d\",\"at\":2000}"));

        List<String> results = new ArrayList<>();
        JobID job;
        try (CloseableIterator<String> it = KafkaSourceTranslator.translate(env, node, topic, 1)
                .process(new ProcessFunction<Row, String>() {
                    @Override
                    public void processElement(Row row, Context ctx, Collector<String> out) {
                        out.collect(row.getField(0) + "@" + ctx.timestamp());
                    }
                })
                .returns(Types.STRING)
                .collectAsync()) {
            JobClient client = env.executeAsync("source-translator");
            job = client.getJobID();
            it.forEachRemaining(results::add);
            client.getJobExecutionResult().get();
        }

        assertEquals(List.of("a@1000", "b@500", "d@2000"), results);
        long deadLetters = 0;
        for (Map.Entry<String, Metric> e : METRICS.findMetrics(job, Metrics.DEAD_LETTERS).entrySet()) {
            deadLetters += ((Counter) e.getValue()).getCount();
        }
        assertEquals(2, deadLetters);
    }
}
