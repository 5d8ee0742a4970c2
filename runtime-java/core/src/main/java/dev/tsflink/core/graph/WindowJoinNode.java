package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.BiFunctionSpec;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** A {@code window-join}: {@code fn(left, right)} for every pair of a window with equal keys. */
public record WindowJoinNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        FunctionSpec leftKey,
        FunctionSpec rightKey,
        WindowSpec window,
        BiFunctionSpec fn,
        RecordType outputType)
        implements Node.OperatorNode {}
