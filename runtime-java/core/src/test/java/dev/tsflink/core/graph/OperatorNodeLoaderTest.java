package dev.tsflink.core.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.types.PrimitiveType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The operator node kinds as the loader reads them from the compiler's golden graphs, and what it
 * reports, each problem at its path, when one is changed.
 */
class OperatorNodeLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode golden(String caseName) throws Exception {
        return (ObjectNode) JSON.readTree(RepoFiles.read("compiler/test/cases/" + caseName + "/expected.json"));
    }

    private static ObjectNode node(ObjectNode graph, String id) {
        for (var n : graph.get("nodes")) {
            if (n.get("id").asText().equals(id)) {
                return (ObjectNode) n;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static List<String> problems(String caseName, Consumer<ObjectNode> change) throws Exception {
        ObjectNode graph = golden(caseName);
        change.accept(graph);
        return assertThrows(JobGraphException.class, () -> JobGraphLoader.load(JSON.writeValueAsString(graph))).problems();
    }

    @Test
    void readsWindowsAggregatesAndLateSinks() throws Exception {
        JobGraph g = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/op-windows/expected.json"));
        WindowAggregateNode pages = (WindowAggregateNode) g.nodes().get(1);
        assertEquals(new WindowSpec(WindowSpec.Kind.SLIDING, 600_000, 60_000, 0, true), pages.window());
        assertEquals(60_000, pages.allowedLatenessMs());
        assertEquals("clicks.late", pages.late().sink().topic());
        assertEquals(Format.AVRO, pages.late().format());
        assertEquals(List.of("KEY", "COUNT", "COUNT_DISTINCT", "AVG", "MIN", "MAX", "FIRST", "LAST", "WINDOW_START", "WINDOW_END"),
                pages.aggregates().stream().map(a -> a.op().name()).toList());
        assertEquals(PrimitiveType.INT, pages.aggregates().get(4).type());
        WindowAggregateNode sessions = (WindowAggregateNode) g.nodes().get(2);
        assertEquals(new WindowSpec(WindowSpec.Kind.SESSION, 0, 0, 1_800_000, true), sessions.window());
        assertEquals(null, sessions.late());
        WindowAggregateNode perMinute = (WindowAggregateNode) g.nodes().get(3);
        assertEquals(new WindowSpec(WindowSpec.Kind.TUMBLING, 60_000, 0, 0, false), perMinute.window());
    }

    @Test
    void readsProcessStateAndProcedures() throws Exception {
        JobGraph g = JobGraphLoader.load(RepoFiles.read("compiler/test/cases/process-timers/expected.json"));
        ProcessNode p = (ProcessNode) g.nodes().get(1);
        assertEquals(List.of("count", "firstAt", "merchants"), p.state().stream().map(StateDecl::name).toList());
        assertEquals(List.of(false, false, true), p.state().stream().map(StateDecl::map).toList());
        assertEquals(PrimitiveType.STRING, p.state().get(2).keyType());
        assertEquals(6, p.onElement().body().size());
        assertEquals(5, p.onTimer().body().size());
    }

    @Test
    void windowAndAggregateProblemsNameTheirPath() throws Exception {
        assertEquals(List.of("node 'pages': window.kind: 'hopping' is not one of tumbling, sliding, session"),
                problems("op-windows", g -> ((ObjectNode) node(g, "pages").get("window")).put("kind", "hopping")));
        assertEquals(List.of("node 'pages': aggregates[1].op: 'median' is not one of count, sum, avg, min, max, first, last, "
                        + "countDistinct, key, windowStart, windowEnd"),
                problems("op-windows", g -> ((ObjectNode) node(g, "pages").get("aggregates").get(1)).put("op", "median")));
        assertEquals(List.of("node 'pages': aggregates[2].fn: 'countDistinct' reads a value of each record: fn must be a function"),
                problems("op-windows", g -> ((ObjectNode) node(g, "pages").get("aggregates").get(2)).putNull("fn")));
        assertEquals(List.of("node 'pages': aggregates[1].type: count has type long, not double"),
                problems("op-windows", g -> ((ObjectNode) node(g, "pages").get("aggregates").get(1)).put("type", "double")));
        assertEquals(List.of("node 'user-sessions': window.sizeMs: unknown field (not part of tsflink.jobgraph/v1)"),
                problems("op-windows", g -> ((ObjectNode) node(g, "user-sessions").get("window")).put("sizeMs", 5)));
    }

    @Test
    void joinProblems() throws Exception {
        assertEquals(List.of("node 'attributed': upperMs: -300001 is below lowerMs -300000: no pair could match"),
                problems("op-interval-join", g -> node(g, "attributed").put("upperMs", -300_001)));
        assertEquals(List.of("node 'attributed': inputs: expected 2 inputs [left, right], got 1"),
                problems("op-interval-join", g -> node(g, "attributed").withArray("inputs").remove(1)));
    }

    @Test
    void procedureProblemsNameTheStatement() throws Exception {
        assertEquals(List.of("node 'card-activity': onElement.body[0].kind: 'goto' is not one of let, if, return, set-state, "
                        + "map-set, map-delete, clear-state, emit, timer"),
                problems("process-timers", g -> ((ObjectNode) node(g, "card-activity").get("onElement").get("body").get(0))
                        .put("kind", "goto")));
        assertEquals(List.of("node 'card-activity': onElement.body[1].state: 'merchants' is a map state"),
                problems("process-timers", g -> ((ObjectNode) node(g, "card-activity").get("onElement").get("body").get(1))
                        .put("state", "merchants")));
        assertEquals(List.of("node 'card-activity': onElement.body[1].value.left: no state is named 'total'"),
                problems("process-timers", g -> ((ObjectNode) node(g, "card-activity").get("onElement").get("body").get(1)
                        .get("value").get("left")).put("name", "total")));
    }

    @Test
    void aRecordTypeOfAnotherNameWithTheSameFieldsIsTheSameType() throws Exception {
        ObjectNode graph = golden("op-reduce");
        ObjectNode copy = ((ObjectNode) graph.get("types").get(0)).deepCopy().put("name", "Total");
        graph.withArray("types").add(copy);
        node(graph, "totals").put("outputType", "Total");
        ((ObjectNode) node(graph, "totals").get("fn")).put("returnType", "Total");
        ((ObjectNode) node(graph, "kafka-sink.running-totals")).put("inputType", "Total");
        ReduceNode totals = (ReduceNode) JobGraphLoader.load(JSON.writeValueAsString(graph)).nodes().get(1);
        assertEquals("Total", totals.outputType().name());
        assertEquals(List.of("node 'totals': outputType: a reduce emits its input's type Payment, not Other"),
                problems("op-reduce", g -> {
                    ObjectNode other = ((ObjectNode) g.get("types").get(0)).deepCopy().put("name", "Other");
                    ((ObjectNode) other.get("fields").get(0)).put("name", "customer");
                    g.withArray("types").add(other);
                    node(g, "totals").put("outputType", "Other");
                }));
    }

    @Test
    void stateKindsAreRefusedOutsideProcedures() throws Exception {
        assertEquals(List.of("node 'totals': fn.body.fields[1].value.left: 'state' is only allowed in a process node's "
                        + "onElement and onTimer"),
                problems("op-reduce", g -> {
                    ObjectNode left = (ObjectNode) node(g, "totals").get("fn").get("body").get("fields").get(1).get("value").get("left");
                    left.removeAll();
                    left.put("kind", "state").put("name", "count").put("type", "double");
                }));
    }
}
