package dev.tsflink.core.graph;

import dev.tsflink.core.types.DataType;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

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
}
