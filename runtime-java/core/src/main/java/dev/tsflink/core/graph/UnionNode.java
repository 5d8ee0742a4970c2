package dev.tsflink.core.graph;

import dev.tsflink.core.types.RecordType;

import java.util.List;

/** A {@code union}: the records of every input, each input's order kept. */
public record UnionNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        RecordType outputType)
        implements Node.OperatorNode {}
