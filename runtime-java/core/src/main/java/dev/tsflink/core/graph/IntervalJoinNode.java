package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.BiFunctionSpec;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** An {@code interval-join}: {@code fn(left, right)} for equal keys with {@code left.ts + lowerMs <= right.ts <= left.ts + upperMs}. */
public record IntervalJoinNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        FunctionSpec leftKey,
        FunctionSpec rightKey,
        long lowerMs,
        long upperMs,
        BiFunctionSpec fn,
        RecordType outputType)
        implements Node.OperatorNode {}
