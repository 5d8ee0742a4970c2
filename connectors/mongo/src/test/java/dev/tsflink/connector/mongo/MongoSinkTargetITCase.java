package dev.tsflink.connector.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.connector.testing.TcpProxy;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.MongoSinkNode;
import dev.tsflink.core.sink.Backoff;
import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.sink.SinkUnavailableException;
import org.apache.flink.types.Row;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MongoDB sink's committer side against the local stack's wire server, or a real MongoDB when
 * MONGODB_URI names one (then commits run as transactions on a replica set).
 */
class MongoSinkTargetITCase {

    private static JobGraph graph;
    private static MongoClient mongo;
    /** A collection of its own per test: the server is shared and keeps its data. */
    private final String collection = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String sink = "mongo-it-" + UUID.randomUUID();
    private final Collected rejections = new Collected();

    static final class Collected implements RejectedRecords {
        final List<String> reasons = new ArrayList<>();
        final List<Row> rows = new ArrayList<>();

        @Override
        public void reject(Row record, String reason) {
            rows.add(record);
            reasons.add(reason);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @BeforeAll
    static void load() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("compiler/schema/jobgraph.v1.schema.json"))) {
            root = root.getParent();
        }
        graph = JobGraphLoader.load(Files.readString(root.resolve("compiler/test/cases/mongo-sink/expected.json")));
        mongo = MongoClients.create(LocalServices.mongoUri());
    }

    @AfterAll
    static void closeClient() {
        mongo.close();
    }

    @AfterEach
    void dropCollection() {
        documents().drop();
        mongo.getDatabase("tsflink").getCollection("tsflink_sink_progress")
                .deleteMany(new Document("_id", new Document("$regex", "^" + java.util.regex.Pattern.quote(sink))));
    }

    private static MongoSinkNode node(String id) {
        return (MongoSinkNode) graph.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    private MongoCollection<BsonDocument> documents() {
        return mongo.getDatabase("tsflink").getCollection(collection, BsonDocument.class);
    }

    /** The node's sink writing to this test's collection instead of the pipeline's. */
    private MongoSinkTarget target(String nodeId, String uri) {
        MongoSinkSpec s = MongoSinkSpec.of(node(nodeId));
        return new MongoSinkTarget(uri, new MongoSinkSpec(collection, s.inputType(), s.documentId(), s.idType(), s.merge()), 2, "tsflink-test");
    }

    private static Row order(String id, String customer, double amount) {
        return Row.of(id, customer, amount, 1_700_000_000_000L, Row.of("Oslo", "NO"));
    }

    private List<String> all() {
        return documents().find().sort(new Document("_id", 1)).map(BsonDocument::toJson).into(new ArrayList<>());
    }

    private static String orderJson(String id, String customer, double amount) {
        return "{\"_id\": \"" + id + "\", \"orderId\": \"" + id + "\", \"customerId\": \"" + customer + "\", \"amount\": " + amount
                + ", \"createdAt\": {\"$date\": \"2023-11-14T22:13:20Z\"}, \"shipping\": {\"city\": \"Oslo\", \"country\": \"NO\"}}";
    }

    @Test
    void replaceCommitsOnceAndAReplayedCommitChangesNothing() throws Exception {
        try (MongoSinkTarget target = target("mongo-sink.orders", LocalServices.mongoUri())) {
            // o-1 twice in one batch: the last one is the document.
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1),
                    List.of(order("o-1", "c-1", 10.0), order("o-2", "c-2", 20.0), order("o-1", "c-1", 11.0)), rejections));
            assertEquals(List.of(orderJson("o-1", "c-1", 11.0), orderJson("o-2", "c-2", 20.0)), all());
            assertEquals("{\"_id\": \"" + sink + "/0\", \"run\": \"run-1\", \"checkpoint\": 1}",
                    mongo.getDatabase("tsflink").getCollection("tsflink_sink_progress", BsonDocument.class)
                            .find(new Document("_id", sink + "/0")).first().toJson());

            // Replayed after a failure: skipped, so a later change by someone else survives.
            documents().updateOne(new Document("_id", "o-2"), new Document("$set", new Document("amount", 99.0)));
            assertFalse(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-2", "c-2", 20.0)), rejections));
            assertEquals(List.of(orderJson("o-1", "c-1", 11.0), orderJson("o-2", "c-2", 99.0)), all());

            assertTrue(target.commit(new Fence(sink, 0, "run-1", 2), List.of(order("o-2", "c-2", 21.0), order("o-3", "c-3", 30.0)), rejections));
            assertEquals(List.of(orderJson("o-1", "c-1", 11.0), orderJson("o-2", "c-2", 21.0), orderJson("o-3", "c-3", 30.0)), all());
        }
        assertEquals(List.of(), rejections.reasons);
    }

    @Test
    void atLeastOnceWritesWithoutAFence() throws Exception {
        try (MongoSinkTarget target = target("mongo-sink.orders", LocalServices.mongoUri())) {
            target.write(List.of(order("o-1", "c-1", 1.0), order("o-2", "c-2", 2.0)), rejections);
            documents().updateOne(new Document("_id", "o-1"), new Document("$set", new Document("amount", 99.0)));
            // No fence: the same record again is written again.
            target.write(List.of(order("o-1", "c-1", 1.0)), rejections);
        }
        assertEquals(List.of(orderJson("o-1", "c-1", 1.0), orderJson("o-2", "c-2", 2.0)), all());
        assertEquals(null, mongo.getDatabase("tsflink").getCollection("tsflink_sink_progress").find(new Document("_id", sink + "/0")).first());
    }

    @Test
    void mergeSetsTheRecordsFieldsAndKeepsTheOthers() throws Exception {
        documents().insertOne(BsonDocument.parse("{\"_id\": \"customer-c-1\", \"city\": \"Bergen\", \"note\": \"kept\"}"));
        try (MongoSinkTarget target = target("mongo-sink.customers", LocalServices.mongoUri())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), List.of(Row.of("c-1", 12.5, "Oslo"), Row.of("c-2", 7.0, "Rome")), rejections));
        }
        assertEquals(List.of(
                "{\"_id\": \"customer-c-1\", \"city\": \"Oslo\", \"note\": \"kept\", \"customerId\": \"c-1\", \"lastAmount\": 12.5}",
                "{\"_id\": \"customer-c-2\", \"customerId\": \"c-2\", \"lastAmount\": 7.0, \"city\": \"Rome\"}"), all());
    }

    @Test
    void aDocumentTheServerRefusesIsRejectedAndTheRestCommits() throws Exception {
        documents().createIndex(Indexes.ascending("customerId"), new IndexOptions().unique(true));
        try (MongoSinkTarget target = target("mongo-sink.orders", LocalServices.mongoUri())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1),
                    List.of(order("o-1", "c-1", 1.0), order("o-2", "c-1", 2.0), order("o-3", "c-3", 3.0)), rejections));
        }
        assertEquals(List.of(orderJson("o-1", "c-1", 1.0), orderJson("o-3", "c-3", 3.0)), all());
        assertEquals(List.of("o-2"), rejections.rows.stream().map(r -> (String) r.getField(0)).toList());
        assertTrue(rejections.reasons.get(0).startsWith("MongoDB 11000: "), rejections.reasons.get(0));
    }

    @Test
    void anUnreachableServerIsRetriedUntilItIsBack() throws Exception {
        String uri = LocalServices.mongoUri();
        com.mongodb.ConnectionString real = new com.mongodb.ConnectionString(uri);
        String[] hostPort = real.getHosts().get(0).split(":");
        try (TcpProxy proxy = new TcpProxy(hostPort[0], Integer.parseInt(hostPort[1]));
             MongoSinkTarget target = target("mongo-sink.orders", "mongodb://127.0.0.1:" + proxy.port() + "/?directConnection=true")) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-1", "c-1", 1.0)), rejections));
            proxy.cut();
            assertThrows(SinkUnavailableException.class,
                    () -> target.commit(new Fence(sink, 0, "run-1", 2), List.of(order("o-2", "c-2", 2.0)), rejections));
            List<Duration> waits = new ArrayList<>();
            Backoff backoff = new Backoff(LoggerFactory.getLogger(getClass()), "commit to the test collection", delay -> {
                waits.add(delay);
                proxy.restore();
            });
            assertTrue(backoff.run(() -> target.commit(new Fence(sink, 0, "run-1", 2), List.of(order("o-2", "c-2", 2.0)), rejections)));
            assertEquals(List.of(Duration.ofSeconds(1)), waits);
        }
        assertEquals(List.of(orderJson("o-1", "c-1", 1.0), orderJson("o-2", "c-2", 2.0)), all());
    }

    @Test
    void usesTransactionsExactlyWhereTheServerHasThem() throws Exception {
        Document hello = mongo.getDatabase("admin").runCommand(new Document("isMaster", 1));
        boolean replicaSet = hello.containsKey("setName") && hello.containsKey("logicalSessionTimeoutMinutes");
        try (MongoSinkTarget target = target("mongo-sink.orders", LocalServices.mongoUri())) {
            assertTrue(target.commit(new Fence(sink, 0, "run-1", 1), List.of(order("o-1", "c-1", 1.0)), rejections));
            assertEquals(replicaSet, target.usesTransactions());
        }
    }
}
