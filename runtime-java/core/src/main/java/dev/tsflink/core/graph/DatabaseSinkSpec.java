package dev.tsflink.core.graph;

import dev.tsflink.core.types.RecordType;

import java.io.Serializable;

/**
 * What every {@code postgres-sink}, {@code mongo-sink} and {@code redis-sink} has: its input type,
 * the delivery guarantee, the records per database round trip, the connection URL's environment
 * variable and where the records the database rejects go ({@code null}: counted and logged).
 */
public record DatabaseSinkSpec(
        RecordType inputType,
        boolean exactlyOnce,
        int batchSize,
        SecretRef connection,
        KafkaSinkSpec deadLetter)
        implements Serializable {}
