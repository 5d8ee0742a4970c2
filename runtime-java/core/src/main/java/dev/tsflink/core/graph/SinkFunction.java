package dev.tsflink.core.graph;

import dev.tsflink.core.expr.GeneratedFunction;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.DataType;

import java.io.Serializable;

/**
 * A database sink's function of its input record ({@code documentId}, a Redis key or value) with
 * the type it returns; {@code field} names it in messages and generated class names. {@code code}
 * is its Java source, generated once when the graph is read; the sink compiles it where it runs.
 */
public record SinkFunction(String field, FunctionSpec fn, DataType returnType, GeneratedFunction code) implements Serializable {}
