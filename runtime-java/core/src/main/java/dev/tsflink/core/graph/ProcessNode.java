package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.RecordType;

import java.util.List;

/** A keyed {@code process}: per-key {@code state}, {@code onElement} per record and {@code onTimer} (or null) per event-time timer. */
public record ProcessNode(
        String id,
        String uid,
        String name,
        Location location,
        List<String> inputs,
        Integer parallelism,
        FunctionSpec key,
        List<StateDecl> state,
        ProcedureSpec onElement,
        ProcedureSpec onTimer,
        RecordType outputType)
        implements Node.OperatorNode {}
