package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tsflink.core.RepoFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every job graph the compiler's golden tests expect ({@code compiler/test/cases/*}/expected.json)
 * is valid against the JSON Schema and loads in the harness: both sides test the same documents.
 * Cases without expected.json are refusal cases (the compiler emits nothing) and are skipped.
 */
class JobGraphExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> examples() throws IOException {
        try (Stream<Path> cases = Files.list(RepoFiles.root().resolve("compiler/test/cases"))) {
            return cases.map(c -> c.resolve("expected.json")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    static JsonSchema schema() throws IOException {
        JsonNode schema = JSON.readTree(RepoFiles.read("compiler/schema/jobgraph.v1.schema.json"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    }

    @Test
    void thereAreExamples() throws IOException {
        assertFalse(examples().isEmpty(), "no compiler/test/cases/*/expected.json");
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsValidAndLoads() throws IOException {
        JsonSchema schema = schema();
        return examples().stream().map(path -> DynamicTest.dynamicTest(path.getParent().getFileName().toString(), () -> {
            String text = Files.readString(path);
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(text));
            assertEquals(Set.of(), errors, path + " against jobgraph.v1.schema.json");
            JobGraph graph = JobGraphLoader.load(text);
            assertEquals(JSON.readTree(text).path("nodes").size(), graph.nodes().size());
        }));
    }

    @Test
    void theSchemaCatchesWhatItShould() throws IOException {
        JsonNode graph = JSON.readTree(RepoFiles.read(RepoFiles.ORDERS_BASIC));
        ((com.fasterxml.jackson.databind.node.ObjectNode) graph).put("schemaVersion", "tsflink.jobgraph/v2");
        assertEquals(1, schema().validate(graph).size());
    }
}
