package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.ValueFunction;
import dev.tsflink.core.types.PrimitiveType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The postgres-sink, mongo-sink and redis-sink nodes of the compiler's golden graphs, and their refusals. */
class DatabaseSinkNodesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JobGraph load(String testCase) {
        return JobGraphLoader.load(RepoFiles.read("compiler/test/cases/" + testCase + "/expected.json"));
    }

    private static <T extends Node> T node(JobGraph graph, String id, Class<T> type) {
        return type.cast(graph.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow());
    }

    private static List<String> problems(String testCase, String nodeId, Consumer<ObjectNode> change) throws Exception {
        ObjectNode graph = (ObjectNode) JSON.readTree(RepoFiles.read("compiler/test/cases/" + testCase + "/expected.json"));
        for (var n : graph.get("nodes")) {
            if (n.get("id").asText().equals(nodeId)) {
                change.accept((ObjectNode) n);
            }
        }
        return assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph))).problems();
    }

    @Test
    void readsPostgresSinks() {
        JobGraph g = load("postgres-sink");
        PostgresSinkNode upsert = node(g, "postgres-sink.customer_totals", PostgresSinkNode.class);
        assertNull(upsert.schema());
        assertEquals("customer_totals", upsert.table());
        assertEquals(PostgresSinkNode.Mode.UPSERT, upsert.mode());
        assertEquals(List.of("customerId", "status"), upsert.key());
        assertEquals(new DatabaseSinkSpec(g.types().get("totals_Out") instanceof dev.tsflink.core.types.RecordType r ? r : null,
                true, 500, new SecretRef("PG_URL"), null), upsert.sink());
        assertNull(upsert.outputType());

        PostgresSinkNode append = node(g, "postgres-sink.analytics.orders_log", PostgresSinkNode.class);
        assertEquals("analytics", append.schema());
        assertEquals("orders_log", append.table());
        assertEquals("analytics.orders_log", append.qualifiedTable());
        assertEquals(PostgresSinkNode.Mode.APPEND, append.mode());
        assertEquals(List.of(), append.key());
        assertEquals(false, append.sink().exactlyOnce());
        assertEquals(1000, append.sink().batchSize());
        assertEquals("orders_log.rejected", append.sink().deadLetter().topic());
    }

    @Test
    void readsMongoSinksAndCompilesTheirIdFunction() {
        JobGraph g = load("mongo-sink");
        MongoSinkNode orders = node(g, "mongo-sink.orders", MongoSinkNode.class);
        assertEquals("orders", orders.collection());
        assertEquals(MongoSinkNode.Write.REPLACE, orders.write());
        assertEquals(PrimitiveType.STRING, orders.documentId().returnType());
        assertEquals(MongoSinkNode.Write.MERGE, node(g, "mongo-sink.customers", MongoSinkNode.class).write());

        ValueFunction id = FunctionCompiler.compile(orders.documentId().code(),
                ValueFunction.class, getClass().getClassLoader());
        Row order = Row.of("o-1", "c-1", 12.5, 1_700_000_000_000L, Row.of("Oslo", "NO"));
        assertEquals("o-1", id.apply(order));
    }

    @Test
    void readsRedisSinksAndCompilesKeyAndValue() {
        JobGraph g = load("redis-sink");
        RedisSinkNode scores = node(g, "redis-sink.scores", RedisSinkNode.class);
        assertEquals(3_600_000L, scores.ttlMs());
        RedisSinkNode.HashValue hash = assertInstanceOf(RedisSinkNode.HashValue.class, scores.value());
        ValueFunction key = FunctionCompiler.compile(scores.key().code(),
                ValueFunction.class, getClass().getClassLoader());
        ValueFunction value = FunctionCompiler.compile(hash.fn().code(),
                ValueFunction.class, getClass().getClassLoader());
        Row score = Row.of("ada", "chess", 42, 1_700_000_000_000L);
        assertEquals("player:ada", key.apply(score));
        assertEquals(Row.of("chess", 42, 1_700_000_000_000L), value.apply(score));

        RedisSinkNode.SortedSetValue leaderboard = assertInstanceOf(RedisSinkNode.SortedSetValue.class,
                node(g, "leaderboard", RedisSinkNode.class).value());
        assertEquals(PrimitiveType.INT, leaderboard.score().returnType());
        assertInstanceOf(RedisSinkNode.StringValue.class, node(g, "latest-game", RedisSinkNode.class).value());
        assertNull(node(g, "latest-game", RedisSinkNode.class).ttlMs());
    }

    @Test
    void exactlyOnceDatabaseSinksNeedCheckpoints() throws Exception {
        ObjectNode graph = (ObjectNode) JSON.readTree(RepoFiles.read("compiler/test/cases/mongo-sink/expected.json"));
        ((ObjectNode) graph.get("job").get("checkpoint")).put("intervalMs", 0);
        String why = ": exactly-once commits on checkpoints, which job.checkpoint.intervalMs 0 turns off";
        assertEquals(List.of("node 'mongo-sink.orders': guarantee" + why, "node 'mongo-sink.customers': guarantee" + why),
                assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph))).problems());
    }

    @Test
    void anExactlyOnceDeadLetterOfAnAtLeastOnceSinkNeedsCheckpointsToo() throws Exception {
        ObjectNode graph = (ObjectNode) JSON.readTree(RepoFiles.read("compiler/test/cases/postgres-sink/expected.json"));
        ((ObjectNode) graph.get("job").get("checkpoint")).put("intervalMs", 0);
        for (JsonNode node : graph.get("nodes")) {
            if (node.get("kind").asText().equals("postgres-sink")) {
                ((ObjectNode) node).put("guarantee", "at-least-once");
            }
        }
        assertEquals(List.of("node 'postgres-sink.analytics.orders_log': deadLetter.guarantee: exactly-once commits on checkpoints, "
                        + "which job.checkpoint.intervalMs 0 turns off"),
                assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph))).problems());
    }

    @Test
    void anExactlyOnceLateSinkNeedsCheckpoints() throws Exception {
        ObjectNode graph = (ObjectNode) JSON.readTree(RepoFiles.read("compiler/test/cases/op-windows/expected.json"));
        ((ObjectNode) graph.get("job").get("checkpoint")).put("intervalMs", 0);
        List<String> problems = assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph))).problems();
        assertTrue(problems.contains("node 'pages': late.sink.guarantee: exactly-once commits on checkpoints, "
                + "which job.checkpoint.intervalMs 0 turns off"), problems.toString());
    }

    @Test
    void refusesWhatTheContractDoesNotAllow() throws Exception {
        assertEquals(List.of("node 'postgres-sink.customer_totals': table: 'Customer-Totals' is not name or schema.name, each ^[a-z_][a-z0-9_]{0,62}$"),
                problems("postgres-sink", "postgres-sink.customer_totals", n -> n.put("table", "Customer-Totals")));
        assertEquals(List.of("node 'postgres-sink.customer_totals': key[1]: 'nope' is not a field of totals_Out"),
                problems("postgres-sink", "postgres-sink.customer_totals", n -> n.withArray("key").set(1, "nope")));
        assertEquals(List.of("node 'postgres-sink.customer_totals': key: upsert mode needs at least one key field"),
                problems("postgres-sink", "postgres-sink.customer_totals", n -> n.withArray("key").removeAll()));
        assertEquals(List.of("node 'postgres-sink.analytics.orders_log': key: append mode takes no key, got 1 field"),
                problems("postgres-sink", "postgres-sink.analytics.orders_log", n -> n.withArray("key").add("orderId")));
        assertEquals(List.of("node 'postgres-sink.analytics.orders_log': key[0]: 'coupon' has type [\"null\",\"string\"]; "
                        + "a key field is a non-optional string, enum, int, long, boolean or timestamp"),
                problems("postgres-sink", "postgres-sink.analytics.orders_log", n -> {
                    n.put("mode", "upsert");
                    n.withArray("key").add("coupon");
                }));
        assertEquals(List.of("node 'mongo-sink.orders': collection: 'a b' does not match ^[A-Za-z_][A-Za-z0-9_.-]{0,119}$"),
                problems("mongo-sink", "mongo-sink.orders", n -> n.put("collection", "a b")));
        assertEquals(List.of("node 'mongo-sink.orders': write: 'upsert' is not one of replace, merge"),
                problems("mongo-sink", "mongo-sink.orders", n -> n.put("write", "upsert")));
        assertEquals(List.of("node 'redis-sink.scores': ttlMs: 0 is outside [1, 9223372036854775807]"),
                problems("redis-sink", "redis-sink.scores", n -> n.put("ttlMs", 0)));
        assertEquals(List.of("node 'redis-sink.scores': batchSize: 0 is outside [1, 2147483647]"),
                problems("redis-sink", "redis-sink.scores", n -> n.put("batchSize", 0)));
    }
}
