package dev.tsflink.core.types;

import java.io.Serializable;

/** A field of a record; its position in the record is its position in the row. */
public record RecordField(String name, DataType type) implements Serializable {}
