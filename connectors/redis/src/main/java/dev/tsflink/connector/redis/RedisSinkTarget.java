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
 * {@code INFO cluster}). A batch is grouped by the hash slot of each record's key; each group is one
 * call of {@code fenced-batch.lua} whose keys are that slot's fence key and the group's keys, so the
 * check of the fence, the writes and the fence's advance are one atomic script in one slot. Scripts
 * go out in pipelines of about {@code batchSize} records.
 */
final class RedisSinkTarget implements SinkTarget {

    static final String SCRIPT = script();
    /** Errors Redis answers while it cannot write for now: retried, never a record's fault. */
    private static final List<String> UNAVAILABLE = List.of("OOM", "LOADING", "BUSY", "READONLY", "MASTERDOWN", "TRYAGAIN",
            "CLUSTERDOWN", "MOVED", "ASK", "NOREPLICAS");

    private final String url;
    private final RedisSinkSpec spec;
    private final int batchSize;
    private final String clientName;

    private RedisRecordCommands commands;
    private UnifiedJedis jedis;
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

    /** The records of one slot: their positions in the batch and their commands. */
    private record SlotGroup(int slot, List<Integer> positions, List<Command> commands) {}

    @Override
    public boolean commit(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        return apply(fence, rows, rejected);
    }

    @Override
    public void write(List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        apply(null, rows, rejected);
    }

    /** @return whether any slot's group was applied (false: every one had been, a replay) */
    private boolean apply(Fence fence, List<Row> rows, RejectedRecords rejected) throws SinkUnavailableException {
        if (commands == null) {
            commands = new RedisRecordCommands(spec, getClass().getClassLoader());
        }
        Map<Integer, SlotGroup> groups = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Command c = commands.command(rows.get(i));
            if (c.refusal() != null) {
                rejected.reject(rows.get(i), c.refusal());
                continue;
            }
            int slot = RedisSlots.slot(c.key());
            SlotGroup g = groups.computeIfAbsent(slot, s -> new SlotGroup(s, new ArrayList<>(), new ArrayList<>()));
            g.positions().add(i);
            g.commands().add(c);
        }
        // Records no function could write for are durable as dead letters before anything commits.
        rejected.flush();
        // A batch whose every record was refused above has still been dealt with: not a replay.
        boolean applied = groups.isEmpty();
        try {
            UnifiedJedis redis = connection();
            List<SlotGroup> pending = new ArrayList<>();
            int pendingRecords = 0;
            for (SlotGroup g : groups.values()) {
                pending.add(g);
                pendingRecords += g.commands().size();
                if (pendingRecords >= batchSize) {
                    applied |= run(redis, pending, fence, rows, rejected);
                    pending.clear();
                    pendingRecords = 0;
                }
            }
            if (!pending.isEmpty()) {
                applied |= run(redis, pending, fence, rows, rejected);
            }
        } catch (JedisException e) {
            throw failure(e);
        }
        rejected.flush();
        return applied;
    }

    private boolean run(UnifiedJedis redis, List<SlotGroup> groups, Fence fence, List<Row> rows, RejectedRecords rejected) {
        List<List<String>> keys = new ArrayList<>();
        List<List<String>> args = new ArrayList<>();
        for (SlotGroup g : groups) {
            List<String> k = new ArrayList<>(g.commands().size() + 1);
            k.add(RedisSlots.fenceKey(g.slot(), fence == null ? "at-least-once" : fence.key()));
            List<String> a = new ArrayList<>();
            a.add(fence == null ? "" : fence.run());
            a.add(fence == null ? "0" : Long.toString(fence.checkpoint()));
            a.add(spec.ttlMs() == null ? "" : Long.toString(spec.ttlMs()));
            a.add(commands.kind().script);
            for (Command c : g.commands()) {
                k.add(c.key());
                a.add(Integer.toString(c.args().size()));
                a.addAll(c.args());
            }
            keys.add(k);
            args.add(a);
        }
        List<Response<Object>> responses = new ArrayList<>(groups.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (int i = 0; i < groups.size(); i++) {
                responses.add(pipeline.evalsha(sha, keys.get(i), args.get(i)));
            }
            pipeline.sync();
        }
        boolean applied = false;
        for (int i = 0; i < groups.size(); i++) {
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
            SlotGroup g = groups.get(i);
            for (int r = 0; r < refused.size(); r += 2) {
                int record = ((Long) refused.get(r)).intValue() - 1;
                Object error = refused.get(r + 1);
                String reason = "Redis: " + (error instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(error));
                rejected.reject(rows.get(g.positions().get(record)), reason);
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
            boolean cluster;
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
