package dev.tsflink.core.operators;

import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.Expr.Binary;
import dev.tsflink.core.expr.Expr.Coerce;
import dev.tsflink.core.expr.Expr.Field;
import dev.tsflink.core.expr.Expr.Literal;
import dev.tsflink.core.expr.Expr.ObjectExpr;
import dev.tsflink.core.expr.Expr.ObjectField;
import dev.tsflink.core.expr.Expr.Ref;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tsflink.core.types.PrimitiveType.BOOLEAN;
import static dev.tsflink.core.types.PrimitiveType.DOUBLE;
import static dev.tsflink.core.types.PrimitiveType.INT;
import static dev.tsflink.core.types.PrimitiveType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The filter and map operators on a MiniCluster: bounded input, exact output, counted record errors. */
class GeneratedOperatorsITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(smallMemory())
            .build());

    private static Configuration smallMemory() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("16m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("16m"));
        return METRICS.addToConfiguration(conf);
    }

    private static final RecordType IN = new RecordType("In", List.of(
            new RecordField("name", STRING), new RecordField("price", DOUBLE)));
    private static final RecordType OUT = new RecordType("Out", List.of(
            new RecordField("name", STRING), new RecordField("units", INT)));

    private static Field field(String name) {
        return new Field(IN.fields().get(IN.indexOf(name)).type(), new Ref(IN, "p"), name, false);
    }

    @Test
    @Timeout(120)
    void filterAndMapRunAndDropRecordsThatFail() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<Row> input = env.fromData(List.of(
                Row.of("a", 10.0), Row.of("free", 0.0), Row.of("b", 2.5), Row.of("nan", Double.NaN), Row.of("c", 1e10)),
                RowTypes.rowTypeInfo(IN));

        // filter: p.price !== 0
        Expr keep = new Binary(BOOLEAN, "!==", field("price"), new Literal(DOUBLE, 0.0));
        // map: ({ name: p.name, units: p.price * 2 as Int }): NaN and 2e10 do not fit an int.
        Expr build = new ObjectExpr(OUT, List.of(
                new ObjectField("name", field("name")),
                new ObjectField("units", new Coerce(INT, new Binary(DOUBLE, "*", field("price"), new Literal(DOUBLE, 2.0))))));

        // Not kept: a job without a deadLetter only counts and logs its failures.
        RecordFailures.Origin filter = new RecordFailures.Origin("f", "filter", "test.ts:1:1", "filter · test.ts:1", false);
        RecordFailures.Origin map = new RecordFailures.Origin("m", "map", "test.ts:2:1", "map · test.ts:2", false);
        DataStream<Row> out = input
                .process(new GeneratedFilterFunction(JavaFunctionGenerator.generateFilter("f", new FunctionSpec("p", IN, keep)),
                        IN, filter), RowTypes.rowTypeInfo(IN))
                .name("filter · test.ts:1")
                .process(new GeneratedMapFunction(JavaFunctionGenerator.generateMap("m", new FunctionSpec("p", IN, build), OUT),
                        IN, map), RowTypes.rowTypeInfo(OUT))
                .name("map · test.ts:2");

        List<Row> results = new ArrayList<>();
        JobID job;
        try (CloseableIterator<Row> it = out.collectAsync()) {
            JobClient client = env.executeAsync("generated-operators");
            job = client.getJobID();
            it.forEachRemaining(results::add);
            client.getJobExecutionResult().get();
        }

        assertEquals(List.of(Row.of("a", 20), Row.of("b", 5)), results);
        assertEquals(Map.of("map · test.ts:2", 2L, "filter · test.ts:1", 0L), recordErrors(job));
    }

    /** {@code tsflink_recordErrors} by operator name. */
    private static Map<String, Long> recordErrors(JobID job) {
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<String, Metric> e : METRICS.findMetrics(job, Metrics.RECORD_ERRORS).entrySet()) {
            String operator = Stream.of("map · test.ts:2", "filter · test.ts:1")
                    .filter(e.getKey()::contains)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("metric of an unexpected operator: " + e.getKey()));
            counts.merge(operator, ((Counter) e.getValue()).getCount(), Long::sum);
        }
        return counts;
    }
}
