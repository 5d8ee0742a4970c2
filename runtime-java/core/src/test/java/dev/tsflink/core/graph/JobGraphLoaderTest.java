package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.graph.Node.FilterNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.Node.MapNode;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobGraphLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode ordersBasic() throws Exception {
        return (ObjectNode) JSON.readTree(RepoFiles.read(RepoFiles.ORDERS_BASIC));
    }

    private static ObjectNode node(ObjectNode graph, int index) {
        return (ObjectNode) graph.get("nodes").get(index);
    }

    /** The problems the loader reports for orders-basic after {@code change}. */
    private static List<String> problems(Consumer<ObjectNode> change) throws Exception {
        ObjectNode graph = ordersBasic();
        change.accept(graph);
        return assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph))).problems();
    }

    @Test
    void loadsOrdersBasic() throws Exception {
        JobGraph g = JobGraphLoader.load(RepoFiles.read(RepoFiles.ORDERS_BASIC));
        // Job settings are compared with the document itself: the compiler's defaults may change.
        JsonNode job = ordersBasic().get("job");
        assertEquals("orders-basic", g.job().name());
        assertEquals(1, g.job().parallelism());
        assertEquals(new JobSpec.CheckpointSpec(job.at("/checkpoint/intervalMs").asLong(), true,
                job.at("/checkpoint/timeoutMs").asLong(), job.at("/checkpoint/minPauseMs").asLong()), g.job().checkpoint());
        assertEquals(new JobSpec.RestartSpec(job.at("/restart/attempts").asInt(), job.at("/restart/delayMs").asLong()),
                g.job().restart());
        assertEquals(null, g.job().deadLetter());
        assertEquals(List.of("orders", "paid.filter", "paid", "kafka-sink.orders.paid"),
                g.nodes().stream().map(Node::id).toList());

        RecordType order = (RecordType) g.types().get("Order");
        assertEquals(List.of("orderId", "customerId", "amount", "quantity", "status", "createdAt", "coupon", "lines", "shipping"),
                order.fields().stream().map(f -> f.name()).toList());
        assertEquals(new EnumType("Order_status", List.of("NEW", "PAID", "CANCELLED")), order.fields().get(4).type());
        assertEquals(TimestampType.INSTANCE, order.fields().get(5).type());
        assertEquals(new NullableType(PrimitiveType.STRING), order.fields().get(6).type());
        assertEquals(new ArrayType(g.types().get("Order_lines")), order.fields().get(7).type());

        KafkaSourceNode source = (KafkaSourceNode) g.nodes().get(0);
        assertEquals("orders", source.topic());
        assertEquals(Format.AVRO, source.format());
        assertEquals(Node.StartFrom.EARLIEST, source.startFrom());
        assertEquals("tsflink-orders-basic-orders", source.groupId());
        assertEquals(order, source.outputType());
        assertEquals(new Node.EventTimeSpec("createdAt", 5000, 60000L), source.eventTime());
        assertEquals(new SecretRef("KAFKA_BOOTSTRAP_SERVERS"), source.bootstrapServers());
        assertEquals(new KafkaSinkSpec("orders.dead-letter", "dead letters orders.dlq · pipeline.ts:24", "orders.dlq", true,
                "tsflink-orders-basic-orders.dead-letter", 900000, new SecretRef("KAFKA_BOOTSTRAP_SERVERS")), source.deadLetter());
        assertNull(source.parallelism());

        FilterNode filter = (FilterNode) g.nodes().get(1);
        assertEquals(List.of("orders"), filter.inputs());
        assertEquals("o", filter.fn().param());
        assertEquals(order, filter.outputType());
        MapNode map = (MapNode) g.nodes().get(2);
        assertEquals("paid_Out", map.outputType().name());
        KafkaSinkNode sink = (KafkaSinkNode) g.nodes().get(3);
        assertEquals(Format.JSON, sink.format());
        assertEquals("orders.paid", sink.sink().topic());
        assertEquals(map.outputType(), sink.inputType());
    }

    @Test
    void refusesAnotherSchemaVersionNamingBoth() throws Exception {
        ObjectNode graph = ordersBasic();
        graph.put("schemaVersion", "tsflink.jobgraph/v2");
        // Even an otherwise unreadable document: the version is checked first.
        graph.put("nodes", "not even an array");
        JobGraphException e = assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph)));
        assertEquals("invalid job graph: unsupported schemaVersion \"tsflink.jobgraph/v2\"; "
                + "this harness supports \"tsflink.jobgraph/v1\"", e.getMessage());
    }

    @Test
    void refusesAMissingSchemaVersion() throws Exception {
        assertEquals(List.of("schemaVersion is missing; this harness supports \"tsflink.jobgraph/v1\""),
                problems(g -> g.remove("schemaVersion")));
    }

    @Test
    void refusesTextThatIsNotJson() {
        JobGraphException e = assertThrows(JobGraphException.class, () -> JobGraphLoader.load("{\"schemaVersion\": "));
        assertTrue(e.getMessage().startsWith("invalid job graph: not valid JSON: "), e.getMessage());
    }

    @Test
    void unknownInputIdsNameTheNodeAndField() throws Exception {
        assertEquals(List.of("node 'paid': inputs[0]: unknown input id 'nope' (inputs must name earlier nodes)"),
                problems(g -> ((ArrayNode) node(g, 2).get("inputs")).set(0, "nope")));
    }

    @Test
    void inputsMustComeEarlierInTheList() throws Exception {
        assertEquals(List.of("node 'paid.filter': inputs[0]: unknown input id 'paid' (inputs must name earlier nodes)"),
                problems(g -> ((ArrayNode) node(g, 1).get("inputs")).set(0, "paid")));
    }

    @Test
    void unknownTypeNamesNameTheNodeOrTypeAndField() throws Exception {
        assertEquals(List.of(
                "type 'Order' field 'status': type: unknown type name 'Order_state'",
                "node 'paid': outputType: unknown type name 'Paid'"),
                problems(g -> {
                    ((ObjectNode) g.get("types").get(3).get("fields").get(4)).put("type", "Order_state");
                    node(g, 2).put("outputType", "Paid");
                }));
    }

    @Test
    void typesMustBeInDependencyOrder() throws Exception {
        assertEquals(List.of("type 'Order_shipping' field 'city': type: unknown type name 'Order'"),
                problems(g -> ((ObjectNode) g.get("types").get(2).get("fields").get(0)).put("type", "Order")));
    }

    @Test
    void unknownExpressionKindsAndMethodsNameTheNodeAndPath() throws Exception {
        assertEquals(List.of(
                "node 'paid.filter': fn.body.left.kind: unknown expression kind 'regex'",
                "node 'paid': fn.body.fields[3].value.method: unknown method 'string.padLeft'"),
                problems(g -> {
                    ((ObjectNode) node(g, 1).get("fn").get("body").get("left")).put("kind", "regex");
                    ((ObjectNode) node(g, 2).get("fn").get("body").get("fields").get(3).get("value"))
                            .put("method", "string.padLeft");
                }));
    }

    @Test
    void unknownRecordFieldsInExpressionsAreReportedWithTheirPath() throws Exception {
        assertEquals(List.of("node 'paid': fn.body.fields[0].value: Order has no field 'orderNo'"),
                problems(g -> ((ObjectNode) node(g, 2).get("fn").get("body").get("fields").get(0).get("value"))
                        .put("name", "orderNo")));
    }

    @Test
    void unknownOperatorsAndFieldsAreRefused() throws Exception {
        assertEquals(List.of(
                "node 'orders': color: unknown field (not part of tsflink.jobgraph/v1)",
                "node 'paid.filter': fn.body.op: '&' is not one of &&, ||, ??"),
                problems(g -> {
                    ((ObjectNode) node(g, 1).get("fn").get("body")).put("op", "&");
                    node(g, 0).put("color", "blue");
                }));
    }

    @Test
    void eventTimeNeedsATimestampLongOrIntField() throws Exception {
        assertEquals(List.of("node 'orders': eventTime.field: 'customerId' has type string; "
                        + "event time needs a timestamp, long or int field"),
                problems(g -> ((ObjectNode) node(g, 0).get("eventTime")).put("field", "customerId")));
        assertEquals(List.of("node 'orders': eventTime.field: 'when' is not a field of Order"),
                problems(g -> ((ObjectNode) node(g, 0).get("eventTime")).put("field", "when")));
    }

    @Test
    void typesOfConnectedNodesMustAgree() throws Exception {
        assertEquals(List.of("node 'kafka-sink.orders.paid': inputType: Order differs from the type paid_Out that input 'paid' emits"),
                problems(g -> node(g, 3).put("inputType", "Order")));
    }

    @Test
    void everyProblemIsReportedTogether() throws Exception {
        List<String> problems = problems(g -> {
            ((ObjectNode) g.get("job")).put("name", "Orders Basic");
            ((ObjectNode) g.get("job").get("checkpoint")).put("intervalMs", 5);
            node(g, 0).put("startFrom", "beginning");
            node(g, 0).remove("groupId");
            node(g, 3).put("uid", "kafka sink");
        });
        assertEquals(List.of(
                "job.name: 'Orders Basic' is not kebab-case ([a-z0-9][a-z0-9-]*)",
                "job.checkpoint.intervalMs: 5 is below Flink's minimum of 10 ms (0 turns checkpointing off)",
                "node 'orders': startFrom: 'beginning' is not one of earliest, latest, committed",
                "node 'orders': groupId: missing",
                "node 'kafka-sink.orders.paid': uid: 'kafka sink' contains characters outside [A-Za-z0-9_.:@/-]"), problems);
        JobGraphException e = new JobGraphException(problems);
        assertTrue(e.getMessage().startsWith("invalid job graph (5 problems):\n  - job.name: "), e.getMessage());
    }

    @Test
    void readsTheJobsDeadLetterAndReportsItsProblemsByPath() throws Exception {
        ObjectNode graph = ordersBasic();
        ObjectNode spec = node(graph, 0).get("deadLetter").deepCopy();
        ((ObjectNode) graph.get("job")).set("deadLetter", spec);
        KafkaSinkSpec read = JobGraphLoader.load(JSON.writeValueAsString(graph)).job().deadLetter();
        assertEquals(spec.get("topic").asText(), read.topic());
        assertEquals(spec.get("uid").asText(), read.uid());
        assertEquals(List.of("job.deadLetter.topic: must not be empty", "job.deadLetter.partitions: unknown field (not part of tsflink.jobgraph/v1)"),
                problems(g -> {
                    ObjectNode broken = spec.deepCopy().put("topic", "").put("partitions", 3);
                    ((ObjectNode) g.get("job")).set("deadLetter", broken);
                }));
        assertEquals(List.of("job.deadLetter: missing"), problems(g -> ((ObjectNode) g.get("job")).remove("deadLetter")));
    }

    @Test
    void aFilterKeepsItsInputType() throws Exception {
        assertEquals(List.of("node 'paid.filter': outputType: a filter emits its input's type Order, not paid_Out"),
                problems(g -> node(g, 1).put("outputType", "paid_Out")));
    }

    @Test
    void exactlyOnceSinksNeedCheckpointing() throws Exception {
        assertEquals(List.of(
                "job.deadLetter.guarantee: exactly-once commits on checkpoints, which job.checkpoint.intervalMs 0 turns off",
                "node 'orders': deadLetter.guarantee: exactly-once commits on checkpoints, which job.checkpoint.intervalMs 0 turns off",
                "node 'kafka-sink.orders.paid': sink.guarantee: exactly-once commits on checkpoints, which job.checkpoint.intervalMs 0 turns off"),
                problems(g -> {
                    ((ObjectNode) g.get("job").get("checkpoint")).put("intervalMs", 0);
                    ((ObjectNode) g.get("job")).set("deadLetter", node(g, 0).get("deadLetter").deepCopy());
                }));
        ObjectNode atLeastOnce = ordersBasic();
        ((ObjectNode) atLeastOnce.get("job").get("checkpoint")).put("intervalMs", 0);
        ((ObjectNode) node(atLeastOnce, 0).get("deadLetter")).put("guarantee", "at-least-once");
        ((ObjectNode) node(atLeastOnce, 3).get("sink")).put("guarantee", "at-least-once");
        assertEquals(false, JobGraphLoader.load(JSON.writeValueAsString(atLeastOnce)).job().checkpoint().enabled());
    }
}
