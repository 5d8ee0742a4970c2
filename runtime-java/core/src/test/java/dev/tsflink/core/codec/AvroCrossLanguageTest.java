package dev.tsflink.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tsflink.core.RepoFiles;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static dev.tsflink.core.codec.OrdersFixture.ORDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Records the TypeScript side wrote with avsc from the graph's types
 * ({@code compiler/test/cases/orders-basic/avro-records.json}: {@code record} as JSON, timestamps as
 * epoch-ms numbers, absent optionals as null; {@code avroBase64} the plain Avro binary): our decoder
 * reads avsc's bytes as the record, and our encoder writes the record as avsc's bytes.
 */
class AvroCrossLanguageTest {

    private static final String FIXTURE = "compiler/test/cases/orders-basic/avro-records.json";

    @TestFactory
    Stream<DynamicTest> avscBytesDecodeAndEncodeExactly() throws Exception {
        assumeTrue(Files.isRegularFile(RepoFiles.root().resolve(FIXTURE)), FIXTURE + " is not checked in yet");
        JsonNode fixture = new ObjectMapper().readTree(RepoFiles.read(FIXTURE));
        assertFalse(fixture.isEmpty(), FIXTURE + " has no records");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < fixture.size(); i++) {
            JsonNode entry = fixture.get(i);
            byte[] avsc = Base64.getDecoder().decode(entry.get("avroBase64").asText());
            // The JSON rules of the README read the record exactly as the fixture writes it.
            byte[] json = entry.get("record").toString().getBytes(StandardCharsets.UTF_8);
            tests.add(DynamicTest.dynamicTest("record " + i + " (" + entry.at("/record/orderId") + ")", () -> {
                Row expected = new JsonRowDecoder(ORDER).decode(json);
                assertEquals(expected, new AvroRowDecoder(ORDER).decode(avsc));
                assertArrayEquals(avsc, new AvroRowEncoder(ORDER).encode(expected));
            }));
        }
        return tests.stream();
    }
}
