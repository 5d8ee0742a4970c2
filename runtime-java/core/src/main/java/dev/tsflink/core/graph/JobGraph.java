package dev.tsflink.core.graph;

import dev.tsflink.core.types.DataType;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A loaded and validated job graph (see compiler/schema/README.md). */
public record JobGraph(
        String schemaVersion,
        String compilerVersion,
        JobSpec job,
        Map<String, DataType> types,
        List<Node> nodes)
        implements Serializable {

    /** The only {@code schemaVersion} this harness runs. */
    public static final String SCHEMA_VERSION = "tsflink.jobgraph/v1";

    public JobGraph {
        types = Map.copyOf(types);
        nodes = List.copyOf(nodes);
    }

    /**
     * The nodes that emit records no node reads (the compiler warns of them, TSF1012), in graph
     * order: Flink runs them and drops their output; the test kit collects it.
     */
    public List<Node> unreadNodes() {
        Set<String> read = new HashSet<>();
        nodes.forEach(node -> read.addAll(node.inputs()));
        return nodes.stream().filter(node -> node.outputType() != null && !read.contains(node.id())).toList();
    }
}
