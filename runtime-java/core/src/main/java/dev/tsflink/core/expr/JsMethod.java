package dev.tsflink.core.expr;

/** The methods a {@code call} expression may name, with the arguments each accepts. */
public enum JsMethod {
    STRING_LENGTH("string.length", 0, 0),
    STRING_TO_UPPER_CASE("string.toUpperCase", 0, 0),
    STRING_TO_LOWER_CASE("string.toLowerCase", 0, 0),
    STRING_TRIM("string.trim", 0, 0),
    STRING_INCLUDES("string.includes", 1, 2),
    STRING_STARTS_WITH("string.startsWith", 1, 2),
    STRING_ENDS_WITH("string.endsWith", 1, 2),
    STRING_SLICE("string.slice", 1, 2),
    STRING_SUBSTRING("string.substring", 1, 2),
    STRING_INDEX_OF("string.indexOf", 1, 1),
    STRING_PAD_START("string.padStart", 1, 2),
    STRING_PAD_END("string.padEnd", 1, 2),
    STRING_REPLACE("string.replace", 2, 2),
    STRING_REPLACE_ALL("string.replaceAll", 2, 2),
    STRING_CHAR_AT("string.charAt", 1, 1),
    STRING_REPEAT("string.repeat", 1, 1),
    STRING_TRIM_START("string.trimStart", 0, 0),
    STRING_TRIM_END("string.trimEnd", 0, 0),
    STRING_SPLIT("string.split", 1, 2),
    ARRAY_LENGTH("array.length", 0, 0),
    ARRAY_INCLUDES("array.includes", 1, 2),
    ARRAY_INDEX_OF("array.indexOf", 1, 2),
    ARRAY_SLICE("array.slice", 0, 2),
    ARRAY_JOIN("array.join", 0, 1),
    ARRAY_MAP("array.map", 1, 1),
    ARRAY_FILTER("array.filter", 1, 1),
    ARRAY_SOME("array.some", 1, 1),
    ARRAY_EVERY("array.every", 1, 1),
    ARRAY_REDUCE("array.reduce", 2, 2),
    MAP_HAS("map.has", 1, 1),
    MAP_KEYS("map.keys", 0, 0);

    private final String jsName;
    private final int minArgs;
    private final int maxArgs;

    JsMethod(String jsName, int minArgs, int maxArgs) {
        this.jsName = jsName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    public String jsName() {
        return jsName;
    }

    public int minArgs() {
        return minArgs;
    }

    public int maxArgs() {
        return maxArgs;
    }

    public boolean onString() {
        return jsName.startsWith("string.");
    }

    public boolean onMap() {
        return jsName.startsWith("map.");
    }

    /** Whether the first argument is a {@code lambda} called per item (a loop in generated code). */
    public boolean takesLambda() {
        return this == ARRAY_MAP || this == ARRAY_FILTER || this == ARRAY_SOME || this == ARRAY_EVERY || this == ARRAY_REDUCE;
    }

    public static JsMethod byName(String name) {
        for (JsMethod m : values()) {
            if (m.jsName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
