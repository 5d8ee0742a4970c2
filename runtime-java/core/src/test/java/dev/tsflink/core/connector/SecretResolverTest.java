package dev.tsflink.core.connector;

import dev.tsflink.core.graph.SecretRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretResolverTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "PG_PASSWORD", "from-env");

    @Test
    void configuredValuesComeBeforeTheEnvironment() {
        SecretResolver secrets = new SecretResolver(Map.of("KAFKA_BOOTSTRAP_SERVERS", "conf:9092"), ENVIRONMENT::get);
        assertEquals("conf:9092", secrets.resolve(new SecretRef("KAFKA_BOOTSTRAP_SERVERS"), "x"));
        assertEquals("from-env", secrets.resolve(new SecretRef("PG_PASSWORD"), "x"));
    }

    @Test
    void aMissingValueNamesTheVariableAndWhoNeedsIt() {
        SecretResolver secrets = new SecretResolver(Map.of("OTHER", "s3cr3t"), ENVIRONMENT::get);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets.resolve(new SecretRef("REDIS_URL"), "node 'cache' connection.url"));
        assertEquals("node 'cache' connection.url needs REDIS_URL, which is neither given with --conf REDIS_URL=... "
                + "nor set in the environment", e.getMessage());
    }

    @Test
    void anEmptyValueCountsAsMissing() {
        SecretResolver secrets = new SecretResolver(Map.of("KAFKA_BOOTSTRAP_SERVERS", ""), name -> null);
        assertThrows(IllegalStateException.class, () -> secrets.resolve(new SecretRef("KAFKA_BOOTSTRAP_SERVERS"), "x"));
    }
}
