package dev.tsflink.harness;

import dev.tsflink.harness.testkit.TestKitMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The test kit's command-line contract, files in and out, on the orders-basic graph (an Avro source
 * with event time and a dead-letter topic, a JSON sink): typed inputs go through the JSON decoder,
 * raw ones through Avro, and both kinds of refusal come back as dead letters in input order.
 */
class TestKitMainTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void runsTheGraphFromFilesAndWritesSinksAndDeadLetters() throws Exception {
        Path graph = dir.resolve("graph.json");
        Files.writeString(graph, RepoFiles.read("compiler/test/cases/orders-basic/expected.json"));
        String corrupt = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        String wrongType = "{\"orderId\":\"o-9\",\"customerId\":\"c-9\",\"amount\":1,\"quantity\":\"three\",\"status\":\"PAID\","
                + "\"createdAt\":1700000009000,\"lines\":[],\"shipping\":{\"city\":\"Rome\",\"country\":\"IT\"}}";
        Path inputs = dir.resolve("inputs.json");
        Files.writeString(inputs, "{\"inputs\":{\"orders\":["
                + "{\"record\":{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":750.5,\"quantity\":3,\"status\":\"PAID\","
                + "\"createdAt\":1700000000000,\"coupon\":\"SPRING\",\"lines\":[{\"sku\":\"a\",\"price\":500},{\"sku\":\"b\",\"price\":250.5}],"
                + "\"shipping\":{\"city\":\"Berlin\",\"country\":\"DE\"}}},"
                + "{\"valueBase64\":\"" + corrupt + "\"},"
                + "{\"record\":{\"orderId\":\"o-2\",\"customerId\":\"c-2\",\"amount\":20,\"quantity\":1,\"status\":\"NEW\","
                + "\"createdAt\":1700000001000,\"lines\":[],\"shipping\":{\"city\":\"Paris\",\"country\":\"FR\"}}},"
                + "{\"record\":" + wrongType + "},"
                + "{\"record\":{\"orderId\":\"o-3\",\"customerId\":\"c-3\",\"amount\":20,\"quantity\":1,\"status\":\"PAID\","
                + "\"createdAt\":1700000002000,\"lines\":[{\"sku\":\"c\",\"price\":20}],\"shipping\":{\"city\":\"Oslo\",\"country\":\"NO\"}}}"
                + "]}}");
        Path output = dir.resolve("output.json");

        TestKitMain.main(new String[] {"--graph", graph.toString(), "--inputs", inputs.toString(), "--output", output.toString()});

        String source = "\"node\":\"orders\",\"operator\":\"kafka-source\",\"location\":\"compiler/test/cases/orders-basic/pipeline.ts:18:20\",";
        assertEquals("{\"sinks\":{\"kafka-sink.orders.paid\":{\"topic\":\"orders.paid\",\"records\":["
                + "{\"orderId\":\"o-1\",\"amount\":750.5,\"big\":true,\"city\":\"BERLIN\",\"coupon\":\"SPRING\",\"items\":2,"
                + "\"label\":\"c-1:3\",\"createdAt\":1700000000000},"
                + "{\"orderId\":\"o-3\",\"amount\":20,\"big\":false,\"city\":\"OSLO\",\"coupon\":\"none\",\"items\":1,"
                + "\"label\":\"c-3:1\",\"createdAt\":1700000002000}]}},"
                + "\"streams\":{},"
                + "\"deadLetters\":["
                + "{" + source + "\"reason\":\"not Avro Order: the value ends before the record does\",\"valueBase64\":\"" + corrupt + "\"},"
                + "{" + source + "\"reason\":\"field 'quantity': expected an int, got a string\",\"valueBase64\":\""
                + Base64.getEncoder().encodeToString(wrongType.getBytes(StandardCharsets.UTF_8)) + "\"}]}",
                Files.readString(output));
    }

    @Test
    void refusesInputsForASourceTheGraphDoesNotHave() throws Exception {
        Path graph = dir.resolve("graph.json");
        Files.writeString(graph, RepoFiles.read("compiler/test/cases/orders-basic/expected.json"));
        Path inputs = dir.resolve("inputs.json");
        Files.writeString(inputs, "{\"inputs\":{\"payments\":[]}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestKitMain.main(new String[] {
                "--graph", graph.toString(), "--inputs", inputs.toString(), "--output", dir.resolve("out.json").toString()}));
        assertEquals("no source 'payments' in the graph; its sources are [orders]", e.getMessage());
    }
}
