package dev.tsflink.core.graph;

import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.expr.FunctionCompiler;
import dev.tsflink.core.expr.JavaFunctionGenerator;
import dev.tsflink.core.expr.RowMapper;
import dev.tsflink.core.graph.Node.MapNode;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
