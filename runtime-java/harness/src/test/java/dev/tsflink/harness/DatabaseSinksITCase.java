package dev.tsflink.harness;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.tsflink.connector.postgres.PostgresTable;
import dev.tsflink.connector.postgres.PostgresUrl;
import dev.tsflink.connector.testing.LocalServices;
import dev.tsflink.core.codec.RowEncoder;
import dev.tsflink.core.connector.ConnectorFactory;
import dev.tsflink.core.connector.DeadLetter;
import dev.tsflink.core.connector.SecretResolver;
import dev.tsflink.core.connector.SourceRecordDecoder;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.KafkaSinkSpec;
import dev.tsflink.core.graph.Node;
import dev.tsflink.core.graph.Node.DatabaseSinkNode;
import dev.tsflink.core.graph.Node.KafkaSinkNode;
import dev.tsflink.core.graph.Node.KafkaSourceNode;
import dev.tsflink.core.graph.PostgresSinkNode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One job graph writing to PostgreSQL (append and upsert), MongoDB and Redis on a MiniCluster with
 * checkpoints every 200 ms; its source fails once in the middle, the job restarts from the last
 * checkpoint, and every store must hold exactly the expected result.
 *
 * <p>The graph ({@code database-sinks/database-sinks.jobgraph.json}) was compiled from
 * <pre>
 * interface Event { id: string; seq: Long; customer: string; amount: number }
 * pipeline({ name: "database-sinks", checkpoint: { interval: "200ms" } }, (p) => {
 *   const events = p.source(kafka.source&lt;Event&gt;({ topic: "events", format: "json" }));
 *   events.to(postgres.sink({ table: "tsflink_it_log", mode: "append" }));
 *   events.to(postgres.sink({ table: "tsflink_it_latest", key: ["customer"] }));
 *   events.to(mongo.sink({ collection: "tsflink_it_events", id: (e) =&gt; e.id }));
 *   events.to(redis.sink({ key: (e) =&gt; `PREFIX:${e.customer}`, hash: (e) =&gt; ({ id: e.id, amount: e.amount }) }));
 * });
 * </pre>
 * and each run renames its tables, collection and key prefix apart from earlier runs'.
 */
class DatabaseSinksITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.miniCluster(METRICS);

    static final int EVENTS = 3000;
    static final int CUSTOMERS = 7;
    static final int FAIL_AT = 1700;
    /** Rows the log table's check constraint refuses: they must be rejected, the rest committed. */
    static final String CHECK = "seq % 1000 <> 999";
    static final AtomicBoolean FAILED = new AtomicBoolean();

    /** In-memory events, at a pace that spans several checkpoints, failing once at {@link #FAIL_AT}. */
    static final class FailingOnceEvents implements ConnectorFactory {
        private final ConnectorFactory sinks;

        FailingOnceEvents(ConnectorFactory sinks) {
            this.sinks = sinks;
        }

        @Override
        public Source<Either<Row, DeadLetter>, ?, ?> createKafkaSource(KafkaSourceNode node, SourceRecordDecoder decoder) {
            return new DataGeneratorSource<>(i -> {
                if (i == FAIL_AT && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure at event " + i);
                }
                return Either.Left(Row.of("e-" + i, i, "c" + (i % CUSTOMERS), i * 1.5));
            }, EVENTS, RateLimiterStrategy.perSecond(1500), decoder.producedType());
        }

        @Override
        public Sink<DeadLetter> createDeadLetterSink(KafkaSourceNode node, KafkaSinkSpec deadLetter) {
            throw new IllegalStateException("the graph declares no dead-letter topic");
        }

        @Override
        public Sink<Row> createKafkaSink(KafkaSinkNode node, RowEncoder encoder) {
            throw new IllegalStateException("the graph has no kafka sink");
        }

        @Override
        public Sink<Row> createDatabaseSink(DatabaseSinkNode node) {
            return sinks.createDatabaseSink(node);
        }
    }

    @Test
    void everyStoreHoldsExactlyTheExpectedResultAfterARestart() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String log = "tsflink_it_log_" + run;
        String latest = "tsflink_it_latest_" + run;
        String collection = "tsflink_it_events_" + run;
        String prefix = "it" + run;
        String json = Files.readString(RepoFiles.root().resolve("runtime-java/harness/src/test/resources/database-sinks/database-sinks.jobgraph.json"),
                        StandardCharsets.UTF_8)
                .replace("tsflink_it_log", log).replace("tsflink_it_latest", latest)
                .replace("tsflink_it_events", collection).replace("PREFIX", prefix);
        JobGraph graph = JobGraphLoader.load(json);

        String pgUrl = LocalServices.postgresUrl();
        PostgresUrl pg = PostgresUrl.parse(pgUrl, "PG_URL");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.properties()); Statement s = c.createStatement()) {
            for (Node node : graph.nodes()) {
                if (node instanceof PostgresSinkNode sink) {
                    // As `tsflink migrate` creates them.
                    s.execute(PostgresTable.of(sink.schema(), sink.table(), sink.sink().inputType(), sink.key()).createSql());
                }
            }
            s.execute("alter table " + log + " add constraint refused_seq check (" + CHECK + ")");
        }

        SecretResolver secrets = new SecretResolver(Map.of("PG_URL", pgUrl, "MONGODB_URI", LocalServices.mongoUri(),
                "REDIS_URL", LocalServices.redisUrl(), "KAFKA_BOOTSTRAP_SERVERS", LocalServices.kafkaBootstrapServers()), name -> null);
        StreamExecutionEnvironment env = StreamJobBuilder.build(graph, new FailingOnceEvents(new ClusterConnectorFactory(secrets)));
        env.execute(graph.job().name());
        assertTrue(FAILED.get(), "the source failed once, so the job restarted");

        List<String> expectedLog = new ArrayList<>();
        Map<String, String> expectedLatest = new TreeMap<>();
        Map<String, Map<String, String>> expectedHashes = new TreeMap<>();
        for (long i = 0; i < EVENTS; i++) {
            if (i % 1000 != 999) {
                expectedLog.add("e-" + i);
            }
            String customer = "c" + (i % CUSTOMERS);
            expectedLatest.put(customer, "e-" + i + "|" + i);
            Map<String, String> hash = new LinkedHashMap<>();
            hash.put("id", "e-" + i);
            hash.put("amount", dev.tsflink.core.expr.Js.numberToString(i * 1.5));
            expectedHashes.put(prefix + ":" + customer, hash);
        }
        expectedLog.sort(null);

        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.properties()); Statement s = c.createStatement()) {
            List<String> logIds = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select id from " + log + " order by id")) {
                while (rs.next()) {
                    logIds.add(rs.getString(1));
                }
            }
            System.out.println("database-sinks: append table " + log + " holds " + logIds.size() + " rows (expected " + expectedLog.size() + ")");
            assertEquals(expectedLog, logIds);
            Map<String, String> latestRows = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("select customer, id, seq from " + latest)) {
                while (rs.next()) {
                    latestRows.put(rs.getString(1), rs.getString(2) + "|" + rs.getLong(3));
                }
            }
            assertEquals(expectedLatest, latestRows);
            s.execute("drop table " + log);
            s.execute("drop table " + latest);
            s.execute("delete from tsflink_sink_progress where sink in ('postgres-sink." + log + "', 'postgres-sink." + latest + "')");
        }

        try (MongoClient mongo = MongoClients.create(LocalServices.mongoUri())) {
            var docs = mongo.getDatabase("tsflink").getCollection(collection);
            List<String> ids = docs.find().map(d -> d.getString("_id")).into(new ArrayList<>());
            ids.sort(null);
            List<String> all = new ArrayList<>();
            for (long i = 0; i < EVENTS; i++) {
                all.add("e-" + i);
            }
            all.sort(null);
            System.out.println("database-sinks: collection " + collection + " holds " + ids.size() + " documents (expected " + EVENTS + ")");
            assertEquals(all, ids);
            assertEquals(new Document("_id", "e-42").append("id", "e-42").append("seq", 42L).append("customer", "c0").append("amount", 63.0),
                    docs.find(new Document("_id", "e-42")).first());
            docs.drop();
            mongo.getDatabase("tsflink").getCollection("tsflink_sink_progress").deleteOne(new Document("_id", "mongo-sink." + collection + "/0"));
        }

        try (JedisPooled redis = new JedisPooled(URI.create(LocalServices.redisUrl()))) {
            Map<String, Map<String, String>> hashes = new TreeMap<>();
            for (String key : expectedHashes.keySet()) {
                hashes.put(key, redis.hgetAll(key));
                redis.del(key);
            }
            redis.keys("tsflink:*:redis-sink.events/*").forEach(redis::del);
            assertEquals(expectedHashes, hashes);
        }
    }
}
