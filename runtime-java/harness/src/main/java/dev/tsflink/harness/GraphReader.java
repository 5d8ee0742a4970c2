package dev.tsflink.harness;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Reads the job-graph JSON named by {@code --graph}: {@code base64:} + base64 of the gzip of the
 * JSON (how the CLI passes it through Flink's REST API as a program argument), an
 * {@code http(s)://} URL, or a file path.
 */
public final class GraphReader {

    public static final String BASE64_PREFIX = "base64:";

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private GraphReader() {}

    public static String read(String value) throws IOException, InterruptedException {
        if (value.startsWith(BASE64_PREFIX)) {
            return inline(value.substring(BASE64_PREFIX.length()));
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return fetch(URI.create(value));
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IOException("--graph " + value + ": no such file");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static String inline(String base64) throws IOException {
        byte[] gzip;
        try {
            gzip = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("--graph base64:…: not valid base64 (" + e.getMessage() + ")");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("--graph base64:…: not gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static String fetch(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("--graph " + uri + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
