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
    ARRAY_LENGTH("array.length", 0, 0);

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

    public static JsMethod byName(String name) {
        for (JsMethod m : values()) {
            if (m.jsName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
