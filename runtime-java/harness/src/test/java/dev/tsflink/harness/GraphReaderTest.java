package dev.tsflink.harness;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GraphReaderTest {

    private static final String GRAPH = "{\"schemaVersion\":\"tsflink.jobgraph/v1\",\"job\":{\"name\":\"straße\"}}";

    /** What the CLI passes through Flink's REST API: base64 of the gzip of the JSON. */
    private static String inline(String json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return "base64:" + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void readsBase64OfGzip() throws Exception {
        assertEquals(GRAPH, GraphReader.read(inline(GRAPH)));
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.json");
        Files.writeString(file, GRAPH, StandardCharsets.UTF_8);
        assertEquals(GRAPH, GraphReader.read(file.toString()));
    }

    @Test
    void readsAUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/graphs/orders.json", exchange -> {
            byte[] body = GRAPH.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(GRAPH, GraphReader.read(base + "/graphs/orders.json"));
            assertEquals("--graph " + base + "/graphs/missing.json: HTTP 404",
                    assertThrows(IOException.class, () -> GraphReader.read(base + "/graphs/missing.json")).getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void saysWhatIsWrongWithAValue(@TempDir Path dir) {
        assertEquals("--graph " + dir.resolve("none.json") + ": no such file",
                assertThrows(IOException.class, () -> GraphReader.read(dir.resolve("none.json").toString())).getMessage());
        assertEquals("--graph base64:…: not valid base64 (Illegal base64 character 2a)",
                assertThrows(IOException.class, () -> GraphReader.read("base64:***")).getMessage());
        String notGzip = "base64:" + Base64.getEncoder().encodeToString(GRAPH.getBytes(StandardCharsets.UTF_8));
        assertEquals("--graph base64:…: not gzip data (Not in GZIP format)",
                assertThrows(IOException.class, () -> GraphReader.read(notGzip)).getMessage());
    }
}
