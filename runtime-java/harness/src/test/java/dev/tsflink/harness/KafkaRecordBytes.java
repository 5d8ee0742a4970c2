package dev.tsflink.harness;

import java.io.Serializable;

/** One record of an in-memory topic: what a Kafka consumer would see. */
public record KafkaRecordBytes(byte[] key, byte[] value, long timestamp) implements Serializable {}
