package dev.tsflink.connector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The URLs of the servers the connector tests use, found as {@code npm test} provides them: from
 * {@code PG_URL}, {@code REDIS_URL} and {@code MONGODB_URI} when set (scripts/test.mjs sets them
 * from the local stack it ensures, or a developer points them at other servers), else the local
 * stack's defaults ({@code tsflink up}), with PostgreSQL's password read from the stack's state
 * directory ({@code TSFLINK_HOME}, else {@code .tsflink} at the repository root).
 */
public final class LocalServices {

    private LocalServices() {}

    public static String postgresUrl() {
        String url = System.getenv("PG_URL");
        if (url != null && !url.isEmpty()) {
            return url;
        }
        Path password = stateDirectory().resolve("postgres/password");
        if (!Files.isRegularFile(password)) {
            throw new IllegalStateException("PG_URL is not set and " + password + " does not exist: start the local stack with "
                    + "`node compiler/bin/tsflink.mjs up` or set PG_URL");
        }
        try {
            return "postgres://tsflink:" + Files.readString(password, StandardCharsets.UTF_8).trim() + "@127.0.0.1:"
                    + port("TSFLINK_PG_PORT", 15432) + "/tsflink";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String redisUrl() {
        String url = System.getenv("REDIS_URL");
        return url != null && !url.isEmpty() ? url : "redis://127.0.0.1:" + port("TSFLINK_REDIS_PORT", 16379);
    }

    public static String mongoUri() {
        String uri = System.getenv("MONGODB_URI");
        return uri != null && !uri.isEmpty() ? uri : "mongodb://127.0.0.1:" + port("TSFLINK_MONGO_PORT", 27117);
    }

    public static String kafkaBootstrapServers() {
        String servers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return servers != null && !servers.isEmpty() ? servers : "127.0.0.1:" + port("TSFLINK_KAFKA_PORT", 9092);
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    }

    private static Path stateDirectory() {
        String home = System.getenv("TSFLINK_HOME");
        if (home != null && !home.isEmpty()) {
            return Path.of(home);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("compiler/schema/jobgraph.v1.schema.json"))) {
                return p.resolve(".tsflink");
            }
        }
        throw new IllegalStateException("no repository root above " + dir + " and TSFLINK_HOME is not set");
    }
}
