package dev.tsflink.core.codec;

import org.apache.flink.types.Row;

import java.io.Serializable;

/** Decodes a Kafka record value into a row. Instances keep buffers: one per thread. */
public interface RowDecoder extends Serializable {
    Row decode(byte[] value) throws DecodeException;
}
