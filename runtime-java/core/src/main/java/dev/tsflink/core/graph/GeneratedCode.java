package dev.tsflink.core.graph;

import dev.tsflink.core.expr.GeneratedFunction;

/** The Java source generated for one user function of node {@code nodeId}. */
public record GeneratedCode(String nodeId, GeneratedFunction function) {}
