package dev.tsflink.core.types;

/** {@code ["null", T]}: an optional value. */
public record NullableType(DataType inner) implements DataType {

    @Override
    public String describe() {
        return "[\"null\"," + ArrayType.quoteIfName(inner) + "]";
    }
}
