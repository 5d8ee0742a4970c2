package dev.tsflink.connector.redis;

import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.graph.RedisSinkNode;
import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.RejectedRecords;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis sink on a real Redis Cluster of three masters, started here from the same
 * {@code redis-server} the local stack runs: each hash slot's records go in a script of their own
 * whose keys all live in that slot (the cluster refuses any other), each with its fence.
 */
class RedisClusterITCase {

    @TempDir
    static Path dir;
    private static final List<Process> servers = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();
    private static JobGraph graph;

    @BeforeAll
    static void startCluster() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("compiler/schema/jobgraph.v1.schema.json"))) {
            root = root.getParent();
        }
        graph = JobGraphLoader.load(Files.readString(root.resolve("compiler/test/cases/redis-sink/expected.json")));
        for (int i = 0; i < 3; i++) {
            int port = freePortWithFreeBus();
            ports.add(port);
            Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
            servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--dir", nodeDir.toString(),
                    "--save", "", "--appendonly", "no", "--maxmemory", "32mb")
                    .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
        }
        for (int port : ports) {
            waitFor(() -> ping(port), "redis-server on " + port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process p = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(dir.resolve("create.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "redis-cli --cluster create: " + Files.readString(dir.resolve("create.log")));
        for (int port : ports) {
            waitFor(() -> info(port).contains("cluster_state:ok"), "cluster state ok on " + port);
        }
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        for (Process p : servers) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePortWithFreeBus() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            // Below 32768 (Linux's ephemeral range) so no outgoing connection holds it; the cluster bus is port + 10000.
            int port = 20000 + (int) (Math.random() * 10000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 10000)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair for a Redis Cluster node");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception notYet) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }

    private static boolean ping(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(j.ping());
        }
    }

    private static String info(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            return j.clusterInfo();
        }
    }

    static final class Collected implements RejectedRecords {
        final List<String> reasons = new ArrayList<>();

        @Override
        public void reject(Row record, String reason) {
            reasons.add(reason);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void everySlotsRecordsAreOneFencedScriptInThatSlot() throws Exception {
        RedisSinkNode node = (RedisSinkNode) graph.nodes().stream().filter(n -> n.id().equals("redis-sink.scores")).findFirst().orElseThrow();
        List<Row> rows = new ArrayList<>();
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            rows.add(Row.of("p" + i, "chess", i, 1_700_000_000_000L + i));
            slots.add(RedisSlots.slot("player:p" + i));
        }
        Collected rejected = new Collected();
        try (RedisSinkTarget target = new RedisSinkTarget("redis://127.0.0.1:" + ports.get(0), RedisSinkSpec.of(node), 7, "tsflink-cluster-test");
             JedisCluster cluster = new JedisCluster(new HostAndPort("127.0.0.1", ports.get(0)))) {
            assertTrue(target.commit(new Fence("redis-sink.scores", 0, "run-1", 1), rows, rejected));
            for (int i = 0; i < 60; i++) {
                assertEquals(Map.of("game", "chess", "points", Integer.toString(i), "at", Long.toString(1_700_000_000_000L + i)),
                        cluster.hgetAll("player:p" + i));
            }
            // One fence per slot that had records, in that slot.
            for (int slot : slots) {
                assertEquals("run-1/1/0", cluster.get(RedisSlots.fenceKey(slot, "redis-sink.scores/0")));
            }
            cluster.hset("player:p0", "points", "changed");
            assertFalse(target.commit(new Fence("redis-sink.scores", 0, "run-1", 1), rows, rejected));
            assertEquals("changed", cluster.hget("player:p0", "points"));
        }
        assertEquals(List.of(), rejected.reasons);
    }
}
