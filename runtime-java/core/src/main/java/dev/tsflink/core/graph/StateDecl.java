package dev.tsflink.core.graph;

import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.types.DataType;

import java.io.Serializable;

/**
 * A per-key state of a {@code process} node: a value state of {@code type} read as
 * {@code initial} while the key has none, or (when {@code map}) a map from {@code keyType} to
 * {@code type}.
 */
public record StateDecl(String name, boolean map, DataType keyType, DataType type, Expr initial) implements Serializable {}
