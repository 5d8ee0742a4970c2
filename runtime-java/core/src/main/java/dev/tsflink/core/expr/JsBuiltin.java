package dev.tsflink.core.expr;

/** The global functions a {@code builtin} expression may name, with the arguments each accepts. */
public enum JsBuiltin {
    MATH_ABS("Math.abs", 1, 1),
    MATH_ROUND("Math.round", 1, 1),
    MATH_FLOOR("Math.floor", 1, 1),
    MATH_CEIL("Math.ceil", 1, 1),
    MATH_MIN("Math.min", 2, Integer.MAX_VALUE),
    MATH_MAX("Math.max", 2, Integer.MAX_VALUE),
    MATH_POW("Math.pow", 2, 2),
    MATH_SQRT("Math.sqrt", 1, 1),
    MATH_LOG("Math.log", 1, 1),
    MATH_EXP("Math.exp", 1, 1),
    MATH_TRUNC("Math.trunc", 1, 1),
    MATH_SIGN("Math.sign", 1, 1),
    NUMBER("Number", 1, 1),
    STRING("String", 1, 1),
    PARSE_INT("parseInt", 1, 2),
    PARSE_FLOAT("parseFloat", 1, 1),
    NUMBER_IS_FINITE("Number.isFinite", 1, 1),
    NUMBER_IS_INTEGER("Number.isInteger", 1, 1);

    private final String jsName;
    private final int minArgs;
    private final int maxArgs;

    JsBuiltin(String jsName, int minArgs, int maxArgs) {
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

    public static JsBuiltin byName(String name) {
        for (JsBuiltin b : values()) {
            if (b.jsName.equals(name)) {
                return b;
            }
        }
        return null;
    }
}
