package dev.tsflink.core.graph;

import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.DataType;

import java.io.Serializable;

/**
 * A database sink's function of its input record ({@code documentId}, a Redis key or value) with
 * the type it returns; {@code field} names it in messages and generated class names.
 */
public record SinkFunction(String field, FunctionSpec fn, DataType returnType) implements Serializable {}
