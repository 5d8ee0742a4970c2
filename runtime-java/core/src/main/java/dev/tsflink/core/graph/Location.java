package dev.tsflink.core.graph;

import java.io.Serializable;

/** Where in the TypeScript source a node was declared. */
public record Location(String file, int line, int column) implements Serializable {}
