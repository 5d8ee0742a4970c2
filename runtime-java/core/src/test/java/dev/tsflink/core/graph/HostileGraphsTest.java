package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.codec.JsonRowDecoder;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.expr.RowMapper;
import dev.tsflink.core.graph.Node.MapNode;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graphs a hostile tester wrote to break the harness: values and shapes the compiler can emit. */
class HostileGraphsTest {

    private static MapNode mapNode(JobGraph graph, String id) {
        return (MapNode) graph.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    private static Row runMap(MapNode node, Row input) {
        RowMapper mapper = FunctionCompiler.compile(JavaFunctionGenerator.generateMap(node.id(), node.fn(), node.outputType()),
                RowMapper.class, HostileGraphsTest.class.getClassLoader());
        return mapper.map(input);
    }

    @Test
    void negativeZeroLiteralsKeepTheirSign() {
        // compiler/test/cases/negative-zero: 1 / -0 is -Infinity in Node, for a literal and an inlined constant.
        JobGraph graph = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/negative-zero/expected.json"));
        Row out = runMap(mapNode(graph, "kafka-sink.signs.map"), Row.of("r-1", 2.0));
        assertEquals(Row.of("r-1", "-Infinity", "-Infinity", "Infinity", -0.0), out);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) out.getField(4)));
    }

    // ---------------------------------------------------------------- deep expressions

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEPTH = JobGraphLoader.MAX_EXPRESSION_DEPTH;
    private static final String ORDER_JSON = "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":120.5,\"quantity\":3,"
            + "\"status\":\"PAID\",\"createdAt\":1700000000000,\"lines\":[],\"shipping\":{\"city\":\"Lyon\",\"country\":\"FR\"}}";

    private static ObjectNode expr(String kind, Object type) {
        ObjectNode e = JSON.createObjectNode().put("kind", kind);
        e.set("type", JSON.valueToTree(type));
        return e;
    }

    private static ObjectNode literal(double v) {
        return expr("literal", "double").put("value", v);
    }

    /** {@code o.amount}: two levels (the field and the parameter). */
    private static ObjectNode amount() {
        ObjectNode e = expr("field", "double").put("name", "amount").put("optional", false);
        e.set("target", expr("ref", "Order").put("name", "o"));
        return e;
    }

    private static ObjectNode object(String type, String field, ObjectNode value) {
        ObjectNode e = expr("object", type);
        e.putArray("fields").addObject().put("name", field).set("value", value);
        return e;
    }

    private static ObjectNode recordType(String name, String field, String type) {
        ObjectNode t = JSON.createObjectNode().put("type", "record").put("name", name);
        t.putArray("fields").addObject().put("name", field).put("type", type);
        return t;
    }

    /** An expression of {@code levels} levels: {@code wrap} applied around {@code o.amount} (2 levels). */
    private static ObjectNode chain(int levels, UnaryOperator<ObjectNode> wrap) {
        ObjectNode e = amount();
        for (int i = 2; i < levels; i++) {
            e = wrap.apply(e);
        }
        return e;
    }

    /** orders-basic whose map 'paid' returns {@code body}, a record of {@code types}' last type. */
    private static String withMapBody(List<ObjectNode> types, ObjectNode body) throws Exception {
        ObjectNode graph = (ObjectNode) JSON.readTree(RepoFiles.read(RepoFiles.ORDERS_BASIC));
        ((ArrayNode) graph.get("types")).addAll(types);
        String out = types.get(types.size() - 1).get("name").asText();
        for (var node : graph.get("nodes")) {
            if (node.get("id").asText().equals("paid")) {
                ((ObjectNode) node).put("outputType", out);
                ((ObjectNode) node.get("fn")).put("returnType", out).set("body", body);
            } else if (node.get("kind").asText().equals("kafka-sink")) {
                ((ObjectNode) node).put("inputType", out);
            }
        }
        return JSON.writeValueAsString(graph);
    }

    /**
     * Loads the graph (the loader runs on a stack of its own), then generates and compiles its
     * map and runs it on an order on a thread with half the stack a JVM thread has by default:
     * the job builder's generator and the operators' Janino need no more at the deepest
     * expression the compiler emits.
     */
    private static Row loadAndRun(String graphJson) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                JobGraph graph = JobGraphLoader.load(graphJson);
                RecordType order = (RecordType) graph.types().get("Order");
                result.set(runMap(mapNode(graph, "paid"), new JsonRowDecoder(order).decode(ORDER_JSON.getBytes(StandardCharsets.UTF_8))));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "deep-expression", 512 * 1024);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError(e);
        }
        return (Row) result.get();
    }

    @Test
    void expressionsNestedAsDeepAsTheCompilerAllowsLoadGenerateAndCompile() throws Exception {
        List<ObjectNode> deep = List.of(recordType("Deep", "v", "double"));
        // One JSON level per expression level: o.amount + 1 + 1 + ...
        ObjectNode sum = chain(DEPTH - 1, e -> {
            ObjectNode b = expr("binary", "double").put("op", "+");
            b.set("left", e);
            b.set("right", literal(1));
            return b;
        });
        assertEquals(Row.of(120.5 + DEPTH - 3), loadAndRun(withMapBody(deep, object("Deep", "v", sum))));
        // Two per level: Math.abs(Math.abs(...)).
        ObjectNode abs = chain(DEPTH - 1, e -> {
            ObjectNode b = expr("builtin", "double").put("name", "Math.abs");
            b.putArray("args").add(e);
            return b;
        });
        assertEquals(Row.of(120.5), loadAndRun(withMapBody(deep, object("Deep", "v", abs))));
        // Nested blocks in the generated Java: o.amount > 0 ? (o.amount > 0 ? ... : 0) : 0, 0 || (0 || ...).
        ObjectNode positive = expr("binary", "boolean").put("op", ">");
        positive.set("left", amount());
        positive.set("right", literal(0));
        ObjectNode conditional = chain(DEPTH - 1, e -> {
            ObjectNode c = expr("conditional", "double");
            c.set("test", positive);
            c.set("whenTrue", e);
            c.set("whenFalse", literal(0));
            return c;
        });
        assertEquals(Row.of(120.5), loadAndRun(withMapBody(deep, object("Deep", "v", conditional))));
        ObjectNode or = chain(DEPTH - 1, e -> {
            ObjectNode l = expr("logical", "double").put("op", "||");
            l.set("left", literal(0));
            l.set("right", e);
            return l;
        });
        assertEquals(Row.of(120.5), loadAndRun(withMapBody(deep, object("Deep", "v", or))));
        // Three per level, the most JSON per expression level: records of records, 256 levels in all.
        List<ObjectNode> nested = new ArrayList<>(List.of(recordType("W0", "v", "double")));
        ObjectNode value = object("W0", "v", literal(7));
        for (int i = 1; i < DEPTH - 1; i++) {
            nested.add(recordType("W" + i, "c", "W" + (i - 1)));
            value = object("W" + i, "c", value);
        }
        Row row = loadAndRun(withMapBody(nested, value));
        for (int i = 1; i < DEPTH - 1; i++) {
            row = (Row) row.getField(0);
        }
        assertEquals(Row.of(7.0), row);
    }

    @Test
    void aDocumentNestedDeeperThanTheLimitIsRefusedWithTheLimit() {
        String deep = "{\"schemaVersion\":\"tsflink.jobgraph/v1\",\"x\":" + "[".repeat(JobGraphLoader.MAX_JSON_DEPTH) + "]".repeat(JobGraphLoader.MAX_JSON_DEPTH) + "}";
        String message = assertThrows(JobGraphException.class, () -> JobGraphLoader.load(deep)).getMessage();
        assertTrue(message.startsWith("invalid job graph: not valid JSON: Document nesting depth (1025) exceeds the maximum allowed (1024"), message);
    }

    // ---------------------------------------------------------------- long string constants

    private static ObjectNode stringLiteral(String v) {
        return expr("literal", "string").put("value", v);
    }

    private static String loadAndRunString(ObjectNode value) throws Exception {
        return (String) loadAndRun(withMapBody(List.of(recordType("Text", "v", "string")), object("Text", "v", value))).getField(0);
    }

    @Test
    void stringConstantsBeyondTheClassFileLimitCompile() throws Exception {
        // A class file holds a string constant of at most 65,535 bytes of modified UTF-8.
        String ascii = "a".repeat(70_000);
        assertEquals(ascii, loadAndRunString(stringLiteral(ascii)));
        String euro = "\u20ac".repeat(40_000); // 3 bytes each: 120,000 bytes
        assertEquals(euro, loadAndRunString(stringLiteral(euro)));
        // Chunks split anywhere, between a surrogate pair and around escapes too.
        String mixed = "x\u0000\"\\\n\u00e9\ud83d\ude00".repeat(10_000);
        assertEquals(mixed, loadAndRunString(stringLiteral(mixed)));
        // Java joins adjacent literals of a concatenation into one constant: each fits, together they do not.
        String half = "b".repeat(40_000);
        ObjectNode concat = expr("concat", "string");
        concat.putArray("parts").add(stringLiteral(half)).add(stringLiteral(half)).add(stringLiteral("!"));
        assertEquals(half + half + "!", loadAndRunString(concat));
    }

    @Test
    void codeJaninoRefusesFailsTheGraphNamingTheNodeItsLocationAndThePath() throws Exception {
        // 3,000 reads of o.amount in one array: the method is beyond the class file's 64 KB.
        ObjectNode array = expr("array", JSON.readTree("{\"type\":\"array\",\"items\":\"double\"}"));
        ArrayNode items = array.putArray("items");
        for (int i = 0; i < 3_000; i++) {
            items.add(amount());
        }
        ObjectNode numbers = JSON.createObjectNode().put("type", "record").put("name", "Numbers");
        numbers.putArray("fields").addObject().put("name", "xs").set("type", JSON.readTree("{\"type\":\"array\",\"items\":\"double\"}"));
        String graph = withMapBody(List.of(numbers), object("Numbers", "xs", array));
        JobGraphException e = assertThrows(JobGraphException.class, () -> JobGraphLoader.load(graph));
        assertEquals(List.of("node 'paid': fn.body.fields[0].value (the function at compiler/test/cases/orders-basic/pipeline.ts:30:6):"
                + " the generated Java does not compile: Code grows beyond 64 KB"), e.problems());
    }

    // ---------------------------------------------------------------- JavaScript identifiers

    @Test
    void javaScriptIdentifiersAreNames() {
        for (String name : List.of("$", "_", "$c", "π", "ñandú", "a\u200db", "x\u200c", "\ud835\udc9c", "ℰ", "a·b", "${", "_1")) {
            assertEquals(!name.equals("${"), JobGraphLoader.isJsName(name), name);
        }
        for (String name : List.of("", "1a", "a-b", "a b", "\u200db", "²", "a²", "\u2e2f")) {
            assertEquals(false, JobGraphLoader.isJsName(name), name);
        }
    }

    /**
     * The schema writes IdentifierName with general categories, which Java's and ECMAScript's
     * regular expressions both know; the harness asks ICU for ID_Start and ID_Continue. They must
     * agree on every code point whose category the JDK's Unicode and ICU's give alike (the JDK's
     * tables are older, so newer letters are left out of the comparison).
     */
    @Test
    void theSchemasPatternForJavaScriptNamesIsTheHarnesssRule() throws Exception {
        String pattern = JSON.readTree(RepoFiles.read("compiler/schema/jobgraph.v1.schema.json")).at("/$defs/jsName/pattern").asText();
        java.util.regex.Pattern regex = java.util.regex.Pattern.compile(pattern);
        List<String> disagreements = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT && disagreements.size() < 10; cp++) {
            if (Character.getType(cp) != com.ibm.icu.lang.UCharacter.getType(cp) || (cp >= 0xd800 && cp <= 0xdfff)) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            if (regex.matcher(c).matches() != JobGraphLoader.isJsName(c)
                    || regex.matcher("a" + c).matches() != JobGraphLoader.isJsName("a" + c)) {
                disagreements.add(String.format("U+%04X", cp));
            }
        }
        assertEquals(List.of(), disagreements);
    }
}
