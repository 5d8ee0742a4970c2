package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** A {@code flat-map}: {@code fn} returns the records to emit, in order. */
public record FlatMapNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        FunctionSpec fn,
        RecordType outputType)
        implements Node.OperatorNode {}
