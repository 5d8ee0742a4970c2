package dev.tsflink.core.types;

import java.io.Serializable;

/**
 * A resolved type of the job graph (the Avro subset of the contract). Named types are resolved to
 * their definitions, so a {@code DataType} can be used without the graph's {@code types} table.
 */
public sealed interface DataType extends Serializable
        permits PrimitiveType, TimestampType, EnumType, RecordType, ArrayType, MapType, NullableType {

    /** The type as the graph writes it: a name, or Avro JSON for the structured forms. */
    String describe();

    /** The non-null type a nullable union wraps, or this type itself. */
    default DataType nonNull() {
        return this instanceof NullableType n ? n.inner() : this;
    }

    default boolean isNullable() {
        return this instanceof NullableType || this == PrimitiveType.NULL;
    }
}
