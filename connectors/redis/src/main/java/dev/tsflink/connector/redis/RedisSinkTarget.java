package dev.tsflink.connector.redis;

import dev.tsflink.connector.redis.RedisRecordCommands.Command;
import dev.tsflink.core.sink.Fence;
import dev.tsflink.core.sink.RejectedRecords;
import dev.tsflink.core.sink.SinkTarget;
import dev.tsflink.core.sink.SinkUnavailableException;
import org.apache.flink.types.Row;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a sink's records to Redis (a standalone server or a Cluster, found out with
 * {@code INFO cluster}). On a Cluster a batch is grouped by the hash slot of each record's key; each
 * chunk of a group is one call of {@code fenced-batch.lua} whose keys are that slot's fence key and
 * the chunk's keys, so the check of the fence, the writes and the fence's advance are one atomic
 * script in one slot. On a standalone server, where a script may touch any key, the whole batch is
 * one group under one fence key. Scripts go out in pipelines of about {@code batchSize} records.
 */
final class RedisSinkTarget implements SinkTarget {

    static final String SCRIPT = script();
    /** The group of every key on a standalone server; its fence key lives in this slot's tag. */
    private static final int STANDALONE_GROUP = 0;
    /** Errors Redis answers while it cannot write for now: retried, never a record's fault. */
    private static final List<String> UNAVAILABLE = List.of("OOM", "LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN",
            "CLUSTERDOWN", "MOVED", "ASK", "NOREPLICAS");

    private final String url;
    private final RedisSinkSpec spec;
    private final int batchSize;
    private final String clientName;

    private RedisRecordCommands commands;
    private UnifiedJedis jedis;
    private boolean cluster;
    private String sha;

    RedisSinkTarget(String url, RedisSinkSpec spec, int batchSize, String clientName) {
        this.url = url;
        this.spec = spec;
        this.batchSize = batchSize;
        this.clientName = clientName;
    }

    private static String script() {
        try (InputStream in = RedisSinkTarget.class.getResourceAsStream("fenced-batch.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records of one group that one script applies: their positions in the batch, their commands,
     * the group's slot (its fence key's) and the chunk's number within the group.
     */
    private record Chunk(int slot, int number, List<Integer> positions, List<Command> commands) {}

    @Override
    public boolean commit(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        return apply(fence, rows, rejected);
    }

    @Override
    public void write(List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        apply(null, rows, rejected);
    }

    /**
     * Groups the batch (by hash slot on a Cluster, where a script may only touch one slot; as a
     * whole on a standalone server, where one script per record would cost a fence read and write
     * each), splits each group into chunks of at most {@code batchSize} records and runs one script
     * per chunk, pipelining about {@code batchSize} records per round trip.
     *
     * @return whether any chunk was applied (false: every one had been, a replay)
     */
    private boolean apply(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        if (commands == null) {
            commands = new RedisRecordCommands(spec, getClass().getClassLoader());
        }
        try {
            UnifiedJedis redis = connection();
            Map<Integer, List<Integer>> groups = new TreeMap<>();
            List<Command> byPosition = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Command c = commands.command(rows.get(i));
                byPosition.add(c);
                if (c.refusal() != null) {
                    rejected.reject(rows.get(i), c.refusal());
                    continue;
                }
                groups.computeIfAbsent(cluster ? RedisSlots.slot(c.key()) : STANDALONE_GROUP, s -> new ArrayList<>()).add(i);
            }
            // Records no function could write for are durable as dead letters before anything commits.
            rejected.flush();
            // A batch whose every record was refused above has still been dealt with: not a replay.
            boolean applied = groups.isEmpty();
            List<Chunk> pending = new ArrayList<>();
            int pendingRecords = 0;
            for (Map.Entry<Integer, List<Integer>> group : groups.entrySet()) {
                List<Integer> positions = group.getValue();
                for (int from = 0, number = 0; from < positions.size(); from += batchSize, number++) {
                    List<Integer> part = positions.subList(from, Math.min(positions.size(), from + batchSize));
                    pending.add(new Chunk(group.getKey(), number, part, part.stream().map(byPosition::get).toList()));
                    pendingRecords += part.size();
                    if (pendingRecords >= batchSize) {
                        applied |= run(redis, pending, fence, rows, rejected);
                        pending.clear();
                        pendingRecords = 0;
                    }
                }
            }
            if (!pending.isEmpty()) {
                applied |= run(redis, pending, fence, rows, rejected);
            }
            rejected.flush();
            return applied;
        } catch (JedisException e) {
            throw failure(e);
        }
    }

    private boolean run(UnifiedJedis redis, List<Chunk> chunks, Fence fence, List<Row> rows, RejectedRecords rejected) {
        List<List<String>> keys = new ArrayList<>();
        List<List<String>> args = new ArrayList<>();
        for (Chunk chunk : chunks) {
            List<String> k = new ArrayList<>(chunk.commands().size() + 1);
            k.add(RedisSlots.fenceKey(chunk.slot(), fence == null ? "at-least-once" : fence.key()));
            List<String> a = new ArrayList<>();
            a.add(fence == null ? "" : fence.run());
            a.add(fence == null ? "0" : Long.toString(fence.checkpoint()));
            a.add(Integer.toString(chunk.number()));
            a.add(spec.ttlMs() == null ? "" : Long.toString(spec.ttlMs()));
            a.add(commands.kind().script);
            for (Command c : chunk.commands()) {
                k.add(c.key());
                a.add(Integer.toString(c.args().size()));
                a.addAll(c.args());
            }
            keys.add(k);
            args.add(a);
        }
        List<Response<Object>> responses = new ArrayList<>(chunks.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (int i = 0; i < chunks.size(); i++) {
                responses.add(pipeline.evalsha(sha, keys.get(i), args.get(i)));
            }
            pipeline.sync();
        }
        boolean applied = false;
        for (int i = 0; i < chunks.size(); i++) {
            Object reply;
            try {
                reply = responses.get(i).get();
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                // A server that restarted, or a Cluster node the script was never loaded on.
                reply = redis.eval(SCRIPT, keys.get(i), args.get(i));
            }
            if (reply instanceof Long skipped && skipped == -1) {
                continue;
            }
            applied = true;
            List<?> refused = (List<?>) reply;
            Chunk chunk = chunks.get(i);
            for (int r = 0; r < refused.size(); r += 2) {
                int record = ((Long) refused.get(r)).intValue() - 1;
                Object error = refused.get(r + 1);
                String reason = "Redis: " + (error instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(error));
                rejected.reject(rows.get(chunk.positions().get(record)), reason);
            }
        }
        return applied;
    }

    private UnifiedJedis connection() {
        if (jedis == null) {
            URI uri = URI.create(url);
            HostAndPort address = JedisURIHelper.getHostAndPort(uri);
            JedisClientConfig config = DefaultJedisClientConfig.builder()
                    .user(JedisURIHelper.getUser(uri))
                    .password(JedisURIHelper.getPassword(uri))
                    .database(JedisURIHelper.getDBIndex(uri))
                    .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                    .clientName(clientName)
                    .timeoutMillis(30_000)
                    .build();
            try (Jedis probe = new Jedis(address, config)) {
                cluster = probe.info("cluster").contains("cluster_enabled:1");
            }
            UnifiedJedis connected = cluster ? new JedisCluster(Set.of(address), config) : new JedisPooled(address, config);
            try {
                sha = connected.scriptLoad(SCRIPT, "tsflink");
            } catch (JedisException e) {
                connected.close();
                throw e;
            }
            jedis = connected;
        }
        return jedis;
    }

    private SinkUnavailableException failure(JedisException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean unavailable = e instanceof JedisConnectionException || !(e instanceof JedisDataException)
                || UNAVAILABLE.stream().anyMatch(message::startsWith);
        if (!unavailable) {
            throw new IllegalStateException("Redis refused the sink's script: " + message, e);
        }
        close();
        return new SinkUnavailableException("Redis unavailable: " + message, e);
    }

    @Override
    public void close() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                // Dropping a connection that failed; a second failure adds nothing.
            }
            jedis = null;
        }
    }
}
