package dev.tsflink.harness;

import dev.tsflink.core.codec.AvroRowEncoder;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.operators.Metrics;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.harness.testkit.InMemoryConnectorFactory;
import dev.tsflink.harness.testkit.InMemoryRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole orders-basic graph, as the compiler emits it, on a MiniCluster with in-memory topics. */
class OrdersBasicITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.miniCluster(METRICS);

    private static final long T0 = 1_700_000_000_000L;

    @Test
    @Timeout(120)
    void runsTheGraphWithExactOutputAndDeadLetters() throws Exception {
        JobGraph graph = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/orders-basic/expected.json"));
        RecordType order = (RecordType) graph.types().get("Order");
        AvroRowEncoder avro = new AvroRowEncoder(order);

        byte[] paidBig = avro.encode(order("o-1", "c-1", 750.5, 3, "PAID", T0, "SPRING",
                new Row[] {Row.of("sku-1", 500.0), Row.of("sku-2", 250.5)}, "Berlin"));
        byte[] paidSmallNoCoupon = avro.encode(order("o-2", "c-2", 20.0, 1, "PAID", T0 + 1000, null,
                new Row[] {Row.of("sku-3", 20.0)}, "Paris"));
        byte[] notPaid = avro.encode(order("o-3", "c-3", 900.0, 2, "NEW", T0 + 2000, null, new Row[0], "Rome"));
        byte[] paidZero = avro.encode(order("o-4", "c-4", 0.0, 1, "PAID", T0 + 3000, null, new Row[0], "Oslo"));
        // Confluent wire format: magic byte 0, schema id 42, then the Avro record.
        byte[] framedPaid = concat(new byte[] {0, 0, 0, 0, 42}, avro.encode(order("o-5", "c-5", 1e21, 7, "PAID",
                T0 + 4000, "", new Row[] {Row.of("a", 1.0), Row.of("b", 2.0), Row.of("c", 3.0)}, "straße")));
        byte[] corrupt = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

        InMemoryConnectorFactory connectors = new InMemoryConnectorFactory(Map.of("orders", List.of(
                InMemoryRecord.raw("k1".getBytes(StandardCharsets.UTF_8), paidBig, T0),
                InMemoryRecord.raw(null, paidSmallNoCoupon, T0),
                InMemoryRecord.raw(null, notPaid, T0),
                InMemoryRecord.raw("k-bad".getBytes(StandardCharsets.UTF_8), corrupt, T0 + 10),
                InMemoryRecord.raw(null, paidZero, T0),
                InMemoryRecord.raw(null, framedPaid, T0))), false);

        JobClient client = StreamJobBuilder.build(graph, connectors).executeAsync(graph.job().name());
        client.getJobExecutionResult().get();

        assertEquals(List.of(
                "{\"orderId\":\"o-1\",\"amount\":750.5,\"big\":true,\"city\":\"BERLIN\",\"coupon\":\"SPRING\","
                        + "\"items\":2,\"label\":\"c-1:3\",\"createdAt\":1700000000000}",
                "{\"orderId\":\"o-2\",\"amount\":20,\"big\":false,\"city\":\"PARIS\",\"coupon\":\"none\","
                        + "\"items\":1,\"label\":\"c-2:1\",\"createdAt\":1700000001000}",
                // ?? keeps "" (only null is nullish); 1e21 prints as JavaScript prints it.
                "{\"orderId\":\"o-5\",\"amount\":1e+21,\"big\":true,\"city\":\"STRASSE\",\"coupon\":\"\","
                        + "\"items\":3,\"label\":\"c-5:7\",\"createdAt\":1700000004000}"),
                connectors.writtenText("kafka-sink.orders.paid"));

        List<DeadLetter> dead = connectors.deadLetterSink("orders");
        assertEquals(1, dead.size());
        DeadLetter letter = dead.get(0);
        assertEquals("orders", letter.topic);
        assertEquals(0, letter.partition);
        assertEquals(3, letter.offset);
        assertEquals(T0 + 10, letter.timestamp);
        assertEquals("orders", letter.node);
        assertArrayEquals("k-bad".getBytes(StandardCharsets.UTF_8), letter.key);
        assertArrayEquals(corrupt, letter.value);
        assertEquals("not Avro Order: the value ends before the record does", letter.reason);

        assertEquals(1, TestClusters.counter(METRICS, client.getJobID(), Metrics.DEAD_LETTERS));
        assertEquals(0, TestClusters.counter(METRICS, client.getJobID(), Metrics.RECORD_ERRORS));
    }

    private static Row order(String id, String customer, double amount, int quantity, String status, long createdAt,
            String coupon, Row[] lines, String city) {
        return Row.of(id, customer, amount, quantity, status, createdAt, coupon, lines, Row.of(city, "XX"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
