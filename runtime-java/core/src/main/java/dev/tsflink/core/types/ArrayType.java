package dev.tsflink.core.types;

/** {@code {"type":"array","items":T}}. */
public record ArrayType(DataType items) implements DataType {

    @Override
    public String describe() {
        return "{\"type\":\"array\",\"items\":" + quoteIfName(items) + "}";
    }

    static String quoteIfName(DataType t) {
        String d = t.describe();
        return d.startsWith("{") || d.startsWith("[") ? d : "\"" + d + "\"";
    }
}
