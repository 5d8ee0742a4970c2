package dev.tsflink.core.graph;

/** How a Kafka record value encodes a row. */
public enum Format {
    AVRO,
    JSON
}
