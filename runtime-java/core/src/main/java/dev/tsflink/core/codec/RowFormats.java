package dev.tsflink.core.codec;

import dev.tsflink.core.graph.Format;
import dev.tsflink.core.types.RecordType;

/** The decoder and encoder of each value format. */
public final class RowFormats {

    private RowFormats() {}

    public static RowDecoder decoder(Format format, RecordType type) {
        return switch (format) {
            case AVRO -> new AvroRowDecoder(type);
            case JSON -> new JsonRowDecoder(type);
        };
    }

    public static RowEncoder encoder(Format format, RecordType type) {
        return switch (format) {
            case AVRO -> new AvroRowEncoder(type);
            case JSON -> new JsonRowEncoder(type);
        };
    }
}
