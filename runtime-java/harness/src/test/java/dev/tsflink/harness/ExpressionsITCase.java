package dev.tsflink.harness;

import dev.tsflink.core.codec.AvroRowDecoder;
import dev.tsflink.core.codec.JsonRowEncoder;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.operators.Metrics;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.harness.testkit.InMemoryConnectorFactory;
import dev.tsflink.harness.testkit.InMemoryRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compiler's {@code expressions} case, run on a MiniCluster at the graph's parallelism (3)
 * with in-memory JSON input. The expected records are what node prints for the pipeline's own
 * arrow functions on the same input ({@code JSON.stringify}, undefined written as null): the
 * generated Java agrees with JavaScript on every expression the compiler emits.
 */
class ExpressionsITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.miniCluster(METRICS);

    private static final String[] INPUT = {
        "{\"sensor\":\"s-core-1\",\"site\":{\"name\":\"Plant\",\"region\":\"eu-west\"},\"celsius\":21.5,\"samples\":12,"
                + "\"total\":1000,\"at\":1700000000000,\"ok\":true,\"level\":\"HIGH\",\"tags\":[\"a\"]}",
        "{\"sensor\":\"s-2 \",\"celsius\":-3.25,\"samples\":3,\"total\":7,\"at\":1700000001000,\"ok\":true,\"level\":\"LOW\","
                + "\"tags\":[\"x\",\"y\"]}",
        "{\"sensor\":\"s-3\",\"celsius\":10,\"samples\":1,\"total\":1,\"at\":1,\"ok\":false,\"level\":\"LOW\",\"tags\":[\"t\"]}",
        "{\"sensor\":\"s-cold\",\"celsius\":-60,\"samples\":1,\"total\":1,\"at\":2,\"ok\":true,\"level\":\"LOW\",\"tags\":[\"t\"]}",
        "{\"sensor\":\"s-4-x\",\"celsius\":1,\"samples\":1,\"total\":1,\"at\":3,\"ok\":true,\"level\":\"LOW\",\"tags\":[\"t\"]}",
        "{\"sensor\":\"s-5\",\"celsius\":1,\"samples\":1,\"total\":1,\"at\":4,\"ok\":true,\"level\":\"LOW\",\"tags\":[]}",
        "{\"sensor\":\"s-core-9\",\"site\":{\"name\":\"Lab\"},\"celsius\":0,\"samples\":0,\"total\":0,\"at\":0,\"ok\":true,"
                + "\"level\":\"HIGH\",\"tags\":[]}",
        // (samples + 1) as Int does not fit an int: a record error, dropped by the map.
        "{\"sensor\":\"s-big\",\"celsius\":1,\"samples\":2147483647,\"total\":5,\"at\":5,\"ok\":true,\"level\":\"LOW\",\"tags\":[\"z\"]}",
        // total at 2^53 − 1, the largest long a source admits.
        "{\"sensor\":\"s-Upper-ß\",\"site\":{\"name\":\"N\",\"region\":\"straße\"},\"celsius\":100.1,\"samples\":11,"
                + "\"total\":9007199254740991,\"at\":6,\"ok\":true,\"level\":\"HIGH\",\"tags\":[\"q\"],\"extra\":1}",
        // total beyond it would be another number in JavaScript: a dead letter.
        "{\"sensor\":\"s-huge\",\"celsius\":1,\"samples\":1,\"total\":9007199254740993,\"at\":7,\"ok\":true,\"level\":\"LOW\",\"tags\":[]}",
        // Not a Reading: counted as a dead letter (the source declares no dead-letter sink).
        "{\"sensor\":\"s-6\",\"level\":\"MEDIUM\"}",
    };

    private static final String CORE_1 = "{\"sensor\":\"s-core-1\",\"fahrenheit\":70.7,\"label\":\"s-core-1=21.5F (12 samples, ok=true)\","
            + "\"site\":\"Plant\",\"region\":\"EU-WEST\",\"regionLength\":7,\"parity\":0,\"negated\":-21.5,\"plus\":1000,"
            + "\"average\":83.33333333333333,\"samples\":13,\"level\":\"HIGH\",\"grade\":\"alarm\",\"fallback\":\"s-core-1\","
            + "\"both\":true,\"concat\":\"id:s-core-1:12\",\"at\":1700000000000,\"nested\":{\"min\":20.5,\"max\":22.5}}";
    private static final String S_2 = "{\"sensor\":\"s-2\",\"fahrenheit\":26.15,\"label\":\"s-2 =-3.25F (3 samples, ok=true)\","
            + "\"site\":\"unknown\",\"region\":null,\"regionLength\":null,\"parity\":1,\"negated\":3.25,\"plus\":7,"
            + "\"average\":2.3333333333333335,\"samples\":4,\"level\":\"LOW\",\"grade\":\"normal\",\"fallback\":\"s-2 \","
            + "\"both\":false,\"concat\":\"id:s-2 :3\",\"at\":1700000001000,\"nested\":{\"min\":-4.25,\"max\":-2.25}}";
    private static final String CORE_9 = "{\"sensor\":\"s-core-9\",\"fahrenheit\":32,\"label\":\"s-core-9=0F (0 samples, ok=true)\","
            + "\"site\":\"Lab\",\"region\":null,\"regionLength\":null,\"parity\":0,\"negated\":0,\"plus\":0,\"average\":0,"
            + "\"samples\":1,\"level\":\"HIGH\",\"grade\":\"alarm\",\"fallback\":\"s-core-9\",\"both\":false,"
            + "\"concat\":\"id:s-core-9:0\",\"at\":0,\"nested\":{\"min\":-1,\"max\":1}}";
    private static final String UPPER = "{\"sensor\":\"s-upper-ß\",\"fahrenheit\":212.18,\"label\":\"s-Upper-ß=100.1F (11 samples, ok=true)\","
            + "\"site\":\"N\",\"region\":\"STRASSE\",\"regionLength\":6,\"parity\":1,\"negated\":-100.1,\"plus\":9007199254740991,"
            + "\"average\":818836295885544.6,\"samples\":12,\"level\":\"HIGH\",\"grade\":\"alarm\",\"fallback\":\"s-Upper-ß\","
            + "\"both\":true,\"concat\":\"id:s-Upper-ß:11\",\"at\":6,\"nested\":{\"min\":99.1,\"max\":101.1}}";

    @Test
    @Timeout(120)
    void everyExpressionAgreesWithJavaScript() throws Exception {
        JobGraph graph = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/expressions/expected.json"));
        List<InMemoryRecord> readings = new ArrayList<>();
        for (String json : INPUT) {
            readings.add(InMemoryRecord.raw(null, json.getBytes(StandardCharsets.UTF_8), 0L));
        }
        InMemoryConnectorFactory connectors = new InMemoryConnectorFactory(Map.of("sensor-readings", readings), false);

        JobClient client = StreamJobBuilder.build(graph, connectors).executeAsync(graph.job().name());
        client.getJobExecutionResult().get();

        // readings.f is Avro of converted_Out; shown as JSON to compare.
        RecordType out = (RecordType) graph.types().get("converted_Out");
        AvroRowDecoder avro = new AvroRowDecoder(out);
        JsonRowEncoder json = new JsonRowEncoder(out);
        List<String> converted = new ArrayList<>();
        for (byte[] value : connectors.written("kafka-sink.readings.f")) {
            converted.add(new String(json.encode(avro.decode(value)), StandardCharsets.UTF_8));
        }
        // Parallelism 3: the order across subtasks is not defined, the contents are.
        assertEquals(sorted(CORE_1, S_2, CORE_9, UPPER), sorted(converted.toArray(new String[0])));
        assertEquals(sorted(CORE_1, UPPER), sorted(connectors.writtenText("alarms").toArray(new String[0])));

        assertEquals(1, TestClusters.counter(METRICS, client.getJobID(), Metrics.RECORD_ERRORS));
        assertEquals(2, TestClusters.counter(METRICS, client.getJobID(), Metrics.DEAD_LETTERS));
    }

    private static List<String> sorted(String... values) {
        return java.util.Arrays.stream(values).sorted().toList();
    }
}
