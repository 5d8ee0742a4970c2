package dev.tsflink.harness;

import dev.tsflink.core.graph.JobGraphException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The entry point up to the moment it would connect to Kafka: reading, refusing, resolving. */
class MainTest {

    private static final String ORDERS = RepoFiles.read("compiler/test/cases/orders-basic/expected.json");

    private static String inline(String json) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return "base64:" + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void refusesAnotherSchemaVersionPassedInline() throws Exception {
        String v2 = ORDERS.replace("\"tsflink.jobgraph/v1\"", "\"tsflink.jobgraph/v2\"");
        JobGraphException e = assertThrows(JobGraphException.class, () -> Main.main(new String[] {"--graph", inline(v2)}));
        assertEquals("invalid job graph: unsupported schemaVersion \"tsflink.jobgraph/v2\"; "
                + "this harness supports \"tsflink.jobgraph/v1\"", e.getMessage());
    }

    @Test
    void connectionSettingsComeFromConfBeforeTheEnvironment() throws Exception {
        // A variable no environment sets: only --conf can supply it.
        String graph = inline(ORDERS.replace("KAFKA_BOOTSTRAP_SERVERS", "TSFLINK_MAIN_TEST_SERVERS"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Main.main(new String[] {"--graph", graph}));
        assertEquals("node 'orders' connection.bootstrapServers needs TSFLINK_MAIN_TEST_SERVERS, which is neither given "
                + "with --conf TSFLINK_MAIN_TEST_SERVERS=... nor set in the environment", e.getMessage());
    }

    @Test
    void refusesBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Main.main(new String[0]));
        assertEquals("--graph is required; " + HarnessArguments.USAGE, e.getMessage());
    }
}
