package dev.tsflink.core.graph;

import java.io.Serializable;

/** Where a {@code window-aggregate} writes records later than its allowed lateness: like a kafka-sink of its input type. */
public record LateSpec(KafkaSinkSpec sink, Format format) implements Serializable {}
