package dev.tsflink.harness;

import dev.tsflink.harness.testkit.TestKitMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test kit captures what each database sink receives, under its node id with the table or
 * collection it writes (a Redis sink has only its id), so {@code result.sink("customer_totals")}
 * finds a PostgreSQL sink by its table. No database is touched.
 */
class TestKitDatabaseSinksTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void databaseSinksReportTheRecordsTheyReceived() throws Exception {
        Path graph = dir.resolve("graph.json");
        Files.writeString(graph, RepoFiles.read("runtime-java/harness/src/test/resources/database-sinks/database-sinks.jobgraph.json"));
        Path inputs = dir.resolve("inputs.json");
        Files.writeString(inputs, "{\"inputs\":{\"events\":["
                + "{\"record\":{\"id\":\"e-1\",\"seq\":1,\"customer\":\"c1\",\"amount\":1.5}},"
                + "{\"record\":{\"id\":\"e-2\",\"seq\":2,\"customer\":\"c2\",\"amount\":3}}]}}");
        Path output = dir.resolve("output.json");

        TestKitMain.main(new String[] {"--graph", graph.toString(), "--inputs", inputs.toString(), "--output", output.toString()});

        String records = "\"records\":[{\"id\":\"e-1\",\"seq\":1,\"customer\":\"c1\",\"amount\":1.5},"
                + "{\"id\":\"e-2\",\"seq\":2,\"customer\":\"c2\",\"amount\":3}]";
        assertEquals("{\"sinks\":{"
                + "\"postgres-sink.tsflink_it_log\":{\"table\":\"tsflink_it_log\"," + records + "},"
                + "\"postgres-sink.tsflink_it_latest\":{\"table\":\"tsflink_it_latest\"," + records + "},"
                + "\"mongo-sink.tsflink_it_events\":{\"collection\":\"tsflink_it_events\"," + records + "},"
                + "\"redis-sink.events\":{" + records + "}},"
                + "\"streams\":{},"
                + "\"deadLetters\":[]}",
                Files.readString(output));
    }
}
