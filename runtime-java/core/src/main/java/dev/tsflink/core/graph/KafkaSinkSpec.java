package dev.tsflink.core.graph;

import java.io.Serializable;

/** Where and how a Kafka sink (or a source's dead-letter destination) writes. */
public record KafkaSinkSpec(
        String uid,
        String name,
        String topic,
        boolean exactlyOnce,
        String transactionalIdPrefix,
        long transactionTimeoutMs,
        SecretRef bootstrapServers)
        implements Serializable {}
