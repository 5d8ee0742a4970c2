package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.expr.JsBuiltin;
import dev.tsflink.core.expr.JsMethod;
import dev.tsflink.core.expr.Stmt;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The harness's half of the contract test (compiler/test/contract.test.ts is the compiler's): the
 * records the job graph's expressions and statements are read into have exactly the kinds and
 * fields of compiler/schema/jobgraph.v1.schema.json, and the callable methods and builtins are
 * exactly those of compiler/schema/callables.v1.json.
 */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records not named after their kind: {@code Object} would hide java.lang's, and so on. */
    private static final Map<String, String> KIND_CLASSES = Map.of("object", "ObjectExpr", "array", "ArrayLiteral", "state", "StateRead");
    /** Fields not named as in the schema: {@code else} is a Java keyword. */
    private static final Map<String, String> FIELD_NAMES = Map.of("else", "otherwise");

    @Test
    void expressionRecordsHaveTheSchemasKindsAndFields() throws Exception {
        JsonNode schema = JSON.readTree(RepoFiles.read("compiler/schema/jobgraph.v1.schema.json"));
        assertEquals(schemaKinds(schema.at("/$defs/expr")), javaKinds(Expr.class));
    }

    @Test
    void statementRecordsHaveTheSchemasKindsAndFields() throws Exception {
        JsonNode schema = JSON.readTree(RepoFiles.read("compiler/schema/jobgraph.v1.schema.json"));
        assertEquals(schemaKinds(schema.at("/$defs/statement")), javaKinds(Stmt.class));
    }

    @Test
    void methodsAndBuiltinsAreTheCataloguesWithItsArities() throws Exception {
        JsonNode catalogue = JSON.readTree(RepoFiles.read("compiler/schema/callables.v1.json"));
        TreeMap<String, String> expected = new TreeMap<>();
        catalogue.get("methods").fields().forEachRemaining(e -> expected.put(e.getKey(), arity(e.getValue())));
        TreeMap<String, String> actual = new TreeMap<>();
        for (JsMethod m : JsMethod.values()) {
            actual.put(m.jsName(), m.minArgs() + ".." + m.maxArgs());
        }
        assertEquals(expected, actual);
        expected.clear();
        catalogue.get("builtins").fields().forEachRemaining(e -> expected.put(e.getKey(), arity(e.getValue())));
        actual.clear();
        for (JsBuiltin b : JsBuiltin.values()) {
            actual.put(b.jsName(), b.minArgs() + ".." + b.maxArgs());
        }
        assertEquals(expected, actual);
    }

    /** As the harness counts arguments: a function argument counts as one. */
    private static String arity(JsonNode entry) {
        int min = (entry.has("lambda") ? 1 : 0) + entry.get("args").size();
        int max = entry.path("rest").asBoolean() ? Integer.MAX_VALUE : min + entry.path("optional").size();
        return min + ".." + max;
    }

    /** Each kind of a schema definition with the fields its branch allows, as Java would name them. */
    private static Map<String, TreeSet<String>> schemaKinds(JsonNode def) {
        Map<String, TreeSet<String>> kinds = new TreeMap<>();
        for (JsonNode branch : def.get("allOf")) {
            JsonNode kind = branch.at("/if/properties/kind");
            TreeSet<String> fields = new TreeSet<>();
            branch.at("/then/properties").fieldNames().forEachRemaining(f -> {
                if (!f.equals("kind")) {
                    fields.add(FIELD_NAMES.getOrDefault(f, f));
                }
            });
            if (kind.has("const")) {
                kinds.put(kind.get("const").asText(), fields);
            } else {
                kind.get("enum").forEach(k -> kinds.put(k.asText(), fields));
            }
        }
        return kinds;
    }

    /** Each record of a sealed interface under the kind it is read from, with its components. */
    private static Map<String, TreeSet<String>> javaKinds(Class<?> sealed) {
        Map<String, String> kindByClass = new TreeMap<>();
        KIND_CLASSES.forEach((kind, javaName) -> kindByClass.put(javaName, kind));
        Map<String, TreeSet<String>> kinds = new TreeMap<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            String kind = kindByClass.getOrDefault(c.getSimpleName(), kebab(c.getSimpleName()));
            TreeSet<String> fields = new TreeSet<>();
            Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName).forEach(fields::add);
            kinds.put(kind, fields);
        }
        return kinds;
    }

    /** {@code MapGet} → {@code map-get}. */
    private static String kebab(String javaName) {
        return javaName.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
