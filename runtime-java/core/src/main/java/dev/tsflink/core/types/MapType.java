package dev.tsflink.core.types;

/**
 * {@code {"type":"map","values":T}}: a TypeScript {@code Record<string, T>}, carried as a
 * {@code java.util.LinkedHashMap<String, ?>} so its keys keep insertion order, as a JavaScript
 * object keeps its string keys.
 */
public record MapType(DataType values) implements DataType {

    @Override
    public String describe() {
        return "{\"type\":\"map\",\"values\":" + ArrayType.quoteIfName(values) + "}";
    }
}
