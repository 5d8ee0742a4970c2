package dev.tsflink.core.codec;

import org.apache.flink.types.Row;

import java.io.Serializable;

/** Encodes a row (which obeys its record type) as a Kafka record value. One per thread. */
public interface RowEncoder extends Serializable {
    byte[] encode(Row row);
}
