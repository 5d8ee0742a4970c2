package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** A {@code window-aggregate}: per key and window, one record of {@code aggregates}, computed incrementally. */
public record WindowAggregateNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        FunctionSpec key,
        WindowSpec window,
        long allowedLatenessMs,
        LateSpec late,
        List<AggregateSpec> aggregates,
        RecordType outputType)
        implements Node.OperatorNode {}
