package dev.tsflink.core.types;

import java.io.Serializable;

/**
 * A field of a record; its position in the record is its position in the row.
 *
 * @param optional whether a record may leave the field out ({@code x?: T}, {@code "default": null}
 *     in the graph): JavaScript then sees {@code undefined}. A {@code T | null} field may be null
 *     but must be present.
 */
public record RecordField(String name, DataType type, boolean optional) implements Serializable {

    /** A field that may be left out exactly when it may be null, as {@code x?: T} is. */
    public RecordField(String name, DataType type) {
        this(name, type, type.isNullable());
    }
}
