package dev.tsflink.core.graph;

import java.io.Serializable;

/** {@code {"env": NAME}}: a value the harness reads from its configuration or environment. */
public record SecretRef(String env) implements Serializable {}
