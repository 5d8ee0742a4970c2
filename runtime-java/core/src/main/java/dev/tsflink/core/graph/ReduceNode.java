package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.BiFunctionSpec;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** A {@code reduce}: per key, the first record, then {@code fn(previous, record)} for each further one. */
public record ReduceNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        FunctionSpec key,
        BiFunctionSpec fn,
        RecordType outputType)
        implements Node.OperatorNode {}
