package dev.tsflink.core.expr;

/** The global functions a {@code builtin} expression may name, with the arguments each accepts. */
public enum JsBuiltin {
    MATH_ABS("Math.abs", 1, 1, "Math.abs"),
    MATH_ROUND("Math.round", 1, 1, "Js.round"),
    MATH_FLOOR("Math.floor", 1, 1, "Math.floor"),
    MATH_CEIL("Math.ceil", 1, 1, "Math.ceil"),
    MATH_MIN("Math.min", 2, Integer.MAX_VALUE, "Math.min"),
    MATH_MAX("Math.max", 2, Integer.MAX_VALUE, "Math.max"),
    MATH_POW("Math.pow", 2, 2, "dev.tsflink.core.expr.JsMath.pow"),
    MATH_SQRT("Math.sqrt", 1, 1, "Math.sqrt"),
    MATH_LOG("Math.log", 1, 1, "dev.tsflink.core.expr.JsMath.log"),
    MATH_EXP("Math.exp", 1, 1, "dev.tsflink.core.expr.JsMath.exp"),
    MATH_TRUNC("Math.trunc", 1, 1, "Js.trunc"),
    MATH_SIGN("Math.sign", 1, 1, "Math.signum"),
    NUMBER("Number", 1, 1, null),
    STRING("String", 1, 1, null),
    PARSE_INT("parseInt", 1, 2, null),
    PARSE_FLOAT("parseFloat", 1, 1, null),
    NUMBER_IS_FINITE("Number.isFinite", 1, 1, null),
    NUMBER_IS_INTEGER("Number.isInteger", 1, 1, null);

    private final String jsName;
    private final int minArgs;
    private final int maxArgs;
    private final String javaFunction;

    /**
     * @param javaFunction for a {@code Math} function, the Java static method generated code calls
     *                     on its double arguments (qualified where generated code imports no
     *                     class of that name); null for the others, which need conversions
     */
    JsBuiltin(String jsName, int minArgs, int maxArgs, String javaFunction) {
        this.jsName = jsName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.javaFunction = javaFunction;
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

    public String javaFunction() {
        return javaFunction;
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
