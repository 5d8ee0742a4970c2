package dev.tsflink.core.expr;

import dev.tsflink.core.graph.Node.BiFunctionSpec;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import dev.tsflink.core.types.TimestampType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a user function's expression tree into the source of a Java class, statically typed
 * from the types the TypeScript checker recorded: {@code double}/{@code int}/{@code long}/
 * {@code boolean} primitives for non-null numbers and booleans, boxed values for optional ones,
 * {@code String} for strings and enum symbols, {@code Row} for records (fields read by position),
 * {@code Object[]} for arrays.
 *
 * <p>Each expression becomes statements that leave its value in a fresh local, so short-circuit
 * operators and optional chaining evaluate exactly what JavaScript evaluates, once. Every problem
 * found is reported with its path, and generation goes on so all of them are reported together.
 */
public final class JavaFunctionGenerator implements Expr.Visitor<JavaFunctionGenerator.Value> {

    private static final String PACKAGE = "dev.tsflink.generated";
    private static final String PARAM = "input";

    /** An expression's value: {@code code} is a local, a literal or a constant (cheap, side-effect free). */
    record Value(String code, DataType type) {}

    /** A name in scope (a parameter, a {@code let}, a lambda parameter) and the Java code that reads it. */
    private record Binding(String name, Value value) {}

    /** Innermost binding first, so an inner name hides an outer one. */
    private final Deque<Binding> scope = new ArrayDeque<>();
    private final List<String> paramNames = new ArrayList<>();
    private final StringBuilder methods = new StringBuilder();
    private StringBuilder body = new StringBuilder();
    private final Map<String, String> enumConstants = new LinkedHashMap<>();
    private final Map<String, EnumType> enumTypes = new LinkedHashMap<>();
    /** Declarations of the class's long string constants (see {@link #stringConstant}), with where each was needed. */
    private final List<String> longStrings = new ArrayList<>();
    private final List<String> longStringPaths = new ArrayList<>();
    /** The expression path each line of {@link #body} was generated for, and of {@link #methods}. */
    private List<String> bodyPaths = new ArrayList<>();
    private final List<String> methodPaths = new ArrayList<>();
    private final List<ExpressionException.Problem> problems = new ArrayList<>();
    /** The process node's state and context when generating a procedure; null in plain functions. */
    ProcedureScope procedure;
    /** Whether the generated code can throw a {@link RecordException} for some record. */
    private boolean mayFail;
    String path = "fn.body";
    private int locals;
    private int indent = 2;

    JavaFunctionGenerator() {}

    private JavaFunctionGenerator(FunctionSpec fn) {
        bind(fn.param(), new Value(PARAM, fn.paramType()));
        paramNames.add(fn.param());
    }

    /** A class implementing {@link RowPredicate}: the body's truthiness decides. */
    public static GeneratedFunction generateFilter(String nodeId, FunctionSpec fn) {
        JavaFunctionGenerator g = new JavaFunctionGenerator(fn);
        Value result = g.gen(fn.body(), "fn.body");
        if (result.type().nonNull() != PrimitiveType.BOOLEAN) {
            g.problem("a filter's body must have type boolean, not " + result.type().describe());
        }
        g.line("return " + truthy(result) + ";");
        g.endMethod("public boolean test(org.apache.flink.types.Row " + PARAM + ")");
        return g.finish("Filter_" + javaName(nodeId), RowPredicate.class);
    }

    /** A class implementing {@link RowMapper}: the body builds a row of {@code outputType}. */
    public static GeneratedFunction generateMap(String nodeId, FunctionSpec fn, RecordType outputType) {
        JavaFunctionGenerator g = new JavaFunctionGenerator(fn);
        Value result = g.gen(fn.body(), "fn.body");
        g.line("return " + g.convert(result, outputType) + ";");
        g.endMethod("public org.apache.flink.types.Row map(org.apache.flink.types.Row " + PARAM + ")");
        return g.finish("Map_" + javaName(nodeId), RowMapper.class);
    }

    /**
     * A class implementing {@link RowExpander} for a {@code flat-map}: the body is an array of
     * {@code outputType} rows.
     */
    public static GeneratedFunction generateFlatMap(String nodeId, FunctionSpec fn, RecordType outputType) {
        JavaFunctionGenerator g = new JavaFunctionGenerator(fn);
        Value result = g.gen(fn.body(), "fn.body");
        g.line("return " + g.convert(result, new ArrayType(outputType)) + ";");
        g.endMethod("public Object[] expand(org.apache.flink.types.Row " + PARAM + ")");
        return g.finish("FlatMap_" + javaName(nodeId), RowExpander.class);
    }

    /**
     * A class implementing {@link RowCombiner}: a function of two records ({@code reduce}'s
     * accumulated value and record, a join's left and right) building a row of {@code outputType}.
     */
    public static GeneratedFunction generateCombine(String nodeId, String role, BiFunctionSpec fn, RecordType outputType) {
        JavaFunctionGenerator g = new JavaFunctionGenerator();
        g.bind(fn.left(), new Value("left", fn.leftType()));
        g.bind(fn.right(), new Value("right", fn.rightType()));
        g.paramNames.add(fn.left());
        g.paramNames.add(fn.right());
        Value result = g.gen(fn.body(), "fn.body");
        g.line("return " + g.convert(result, outputType) + ";");
        g.endMethod("public org.apache.flink.types.Row combine(org.apache.flink.types.Row left, org.apache.flink.types.Row right)");
        return g.finish(role + "_" + javaName(nodeId), RowCombiner.class);
    }

    /**
     * A class implementing {@link KeyFunction}: the key as a boxed value of its Flink key type.
     * JavaScript's {@code ===} makes -0 and 0 one key (normalized to 0) and a NaN key an error of
     * the record. {@code field} names the function in messages ({@code key}, {@code leftKey}).
     */
    public static GeneratedFunction generateKey(String nodeId, String field, FunctionSpec fn) {
        JavaFunctionGenerator g = new JavaFunctionGenerator(fn);
        Value result = g.gen(fn.body(), field + ".body");
        String saved = g.path;
        g.path = field + ".body";
        DataType keyType = keyType(result.type());
        if (keyType == null) {
            g.problem("a key is a string, number, boolean, timestamp or enum, not " + result.type().describe());
            keyType = PrimitiveType.STRING;
        }
        String key = g.convert(result, keyType);
        if (keyType == PrimitiveType.DOUBLE) {
            g.line("return Double.valueOf(Js.doubleKey(" + key + ", " + g.where() + "));");
        } else {
            g.line("return " + asObject(new Value(key, keyType)) + ";");
        }
        g.path = saved;
        g.endMethod("public Object key(org.apache.flink.types.Row " + PARAM + ")");
        return g.finish("Key_" + javaName(nodeId) + "_" + field, KeyFunction.class);
    }

    /**
     * A class implementing {@link ValueFunction} for a database sink's function of its input
     * record ({@code field} of the node): the body's value as {@code returnType}, boxed.
     */
    public static GeneratedFunction generateValue(String nodeId, String field, FunctionSpec fn, DataType returnType) {
        JavaFunctionGenerator g = new JavaFunctionGenerator(fn);
        Value result = g.gen(fn.body(), field + ".body");
        String saved = g.path;
        g.path = field + ".body";
        g.line("return " + asObject(new Value(g.convert(result, returnType), returnType)) + ";");
        g.path = saved;
        g.endMethod("public Object apply(org.apache.flink.types.Row " + PARAM + ")");
        return g.finish("Sink_" + javaName(nodeId) + "_" + javaName(field), ValueFunction.class);
    }

    /** The non-null type of a key whose body has type {@code t}, or null when it cannot be a key. */
    public static DataType keyType(DataType t) {
        DataType n = t.nonNull();
        if (n instanceof EnumType || n instanceof TimestampType) {
            return n;
        }
        if (n instanceof PrimitiveType p && p != PrimitiveType.NULL) {
            return p;
        }
        return null;
    }

    void bind(String name, Value value) {
        scope.push(new Binding(name, value));
    }

    void unbind() {
        scope.pop();
    }

    /** Ends the method whose statements were generated so far; {@code header} is its declaration. */
    void endMethod(String header) {
        methods.append("\n  ").append(header).append(" {\n").append(body).append("  }\n");
        methodPaths.add("");
        methodPaths.add(path);
        methodPaths.addAll(bodyPaths);
        methodPaths.add("");
        body = new StringBuilder();
        bodyPaths = new ArrayList<>();
    }

    GeneratedFunction finish(String simpleName, Class<?> iface) {
        if (!problems.isEmpty()) {
            throw new ExpressionException(problems);
        }
        StringBuilder src = new StringBuilder();
        src.append("package ").append(PACKAGE).append(";\n\n");
        src.append("import dev.tsflink.core.expr.Js;\n");
        src.append("import dev.tsflink.core.expr.JsArrays;\n\n");
        src.append("public final class ").append(simpleName).append(" implements ").append(iface.getName()).append(" {\n");
        List<String> linePaths = new ArrayList<>(List.of("", "", "", "", "", ""));
        for (Map.Entry<String, String> c : enumConstants.entrySet()) {
            src.append("  private static final String[] ").append(c.getValue()).append(" = {");
            EnumType e = enumTypes.get(c.getKey());
            for (int i = 0; i < e.symbols().size(); i++) {
                src.append(i == 0 ? "" : ", ").append(javaString(e.symbols().get(i)));
            }
            src.append("};\n");
            linePaths.add("");
        }
        for (String declaration : longStrings) {
            src.append(declaration).append('\n');
        }
        linePaths.addAll(longStringPaths);
        src.append(methods);
        linePaths.addAll(methodPaths);
        src.append("}\n");
        return new GeneratedFunction(PACKAGE + "." + simpleName, src.toString(), mayFail, linePaths);
    }

    // ------------------------------------------------------------------ plumbing

    Value gen(Expr e, String at) {
        String saved = path;
        path = at;
        try {
            return e.accept(this);
        } finally {
            path = saved;
        }
    }

    void problem(String message) {
        problems.add(new ExpressionException.Problem(path, message));
    }

    /** After a problem: a value of the declared type, so generation can go on and find more. */
    Value placeholder(DataType type) {
        return new Value(defaultValue(type), type);
    }

    void line(String code) {
        body.append("  ".repeat(indent)).append(code).append('\n');
        bodyPaths.add(path);
    }

    String newLocal(DataType type) {
        String name = "v" + (locals++);
        line(javaType(type) + " " + name + " = " + defaultValue(type) + ";");
        return name;
    }

    /** A local holding {@code code}, so the value is computed once. */
    Value local(String code, DataType type) {
        String name = "v" + (locals++);
        line(javaType(type) + " " + name + " = " + code + ";");
        return new Value(name, type);
    }

    void open(String header) {
        line(header + " {");
        indent++;
    }

    void close(String footer) {
        indent--;
        line(footer);
    }

    /** Closes an if's block and opens its else block. */
    void elseBranch() {
        close("} else {");
        indent++;
    }

    /**
     * The path as it appears in run-time messages. Every helper that can throw a
     * {@link RecordException} takes it, so asking for it marks the code as one that may fail.
     */
    String where() {
        mayFail = true;
        return javaString(path);
    }

    // ------------------------------------------------------------------ types

    private enum Category {
        NUMBER,
        BOOLEAN,
        STRING,
        RECORD,
        ARRAY,
        MAP,
        NULL
    }

    private static Category category(DataType t) {
        DataType n = t.nonNull();
        if (n instanceof RecordType) {
            return Category.RECORD;
        }
        if (n instanceof ArrayType) {
            return Category.ARRAY;
        }
        if (n instanceof MapType) {
            return Category.MAP;
        }
        if (n instanceof EnumType || n == PrimitiveType.STRING) {
            return Category.STRING;
        }
        if (n == PrimitiveType.BOOLEAN) {
            return Category.BOOLEAN;
        }
        if (n == PrimitiveType.NULL) {
            return Category.NULL;
        }
        return Category.NUMBER;
    }

    /** The Java type generated code uses for a value of this type. */
    static String javaType(DataType t) {
        boolean nullable = t instanceof NullableType;
        DataType n = t.nonNull();
        if (n instanceof RecordType) {
            return "org.apache.flink.types.Row";
        }
        if (n instanceof ArrayType) {
            return "Object[]";
        }
        if (n instanceof MapType) {
            return "java.util.Map";
        }
        if (n instanceof EnumType) {
            return "String";
        }
        if (n instanceof TimestampType) {
            return nullable ? "Long" : "long";
        }
        switch ((PrimitiveType) n) {
            case STRING:
                return "String";
            case DOUBLE:
                return nullable ? "Double" : "double";
            case INT:
                return nullable ? "Integer" : "int";
            case LONG:
                return nullable ? "Long" : "long";
            case BOOLEAN:
                return nullable ? "Boolean" : "boolean";
            default:
                return "Object";
        }
    }

    static boolean isPrimitive(DataType t) {
        String j = javaType(t);
        return j.equals("double") || j.equals("int") || j.equals("long") || j.equals("boolean");
    }

    /** The boxed class a row holds for a value of this type. */
    static String boxedType(DataType t) {
        return javaType(t.nonNull() == PrimitiveType.NULL ? t : nullable(t));
    }

    static DataType nullable(DataType t) {
        return t.isNullable() ? t : new NullableType(t);
    }

    private static String defaultValue(DataType t) {
        String j = javaType(t);
        switch (j) {
            case "double":
                return "0.0";
            case "int":
            case "long":
                return "0";
            case "boolean":
                return "false";
            default:
                return "null";
        }
    }

    /** {@code double}, {@code int} or {@code long} for a non-null number. */
    private static String numberKind(DataType t) {
        DataType n = t.nonNull();
        if (n == PrimitiveType.DOUBLE) {
            return "double";
        }
        if (n == PrimitiveType.INT) {
            return "int";
        }
        return "long";
    }

    // ------------------------------------------------------------------ conversions

    /**
     * Java code for {@code v} as a value of type {@code to}: widening numbers (int → long → double,
     * as JavaScript numbers are doubles), boxing for optional targets, a null check when an
     * optional value flows where the types promise one, a symbol check when a string becomes an
     * enum. Anything else is a type error of the graph.
     */
    String convert(Value v, DataType to) {
        DataType from = v.type();
        if (from.equals(to)) {
            return v.code();
        }
        Category fc = category(from);
        Category tc = category(to);
        if (fc == Category.NULL) {
            if (to.isNullable()) {
                return "(" + javaType(to) + ") null";
            }
            problem("null where " + to.describe() + " is expected");
            return defaultValue(to);
        }
        if (tc == Category.NULL) {
            problem(from.describe() + " where null is expected");
            return defaultValue(to);
        }
        if (fc != tc) {
            problem("a value of type " + from.describe() + " where " + to.describe() + " is expected");
            return defaultValue(to);
        }
        DataType fromN = from.nonNull();
        DataType toN = to.nonNull();
        boolean fromNullable = from.isNullable();
        boolean toNullable = to.isNullable();
        switch (fc) {
            case NUMBER: {
                String fk = numberKind(fromN);
                String tk = numberKind(toN);
                boolean widening = fk.equals(tk) || fk.equals("int") || tk.equals("double");
                String constant = widening || fromNullable ? null : integralConstant(v.code(), tk);
                if (constant != null) {
                    // A literal like the 0 of "counts[k] ?? 0" typed int: the value itself fits, nothing narrows.
                    return toNullable ? box(constant, tk) : constant;
                }
                if (!widening) {
                    problem("a " + fromN.describe() + " where " + toN.describe()
                            + " is expected (narrowing a number needs a coerce)");
                    return defaultValue(to);
                }
                String primitive = fromNullable ? unbox(v.code(), fk) : v.code();
                if (!fk.equals(tk)) {
                    primitive = "((" + tk + ") " + primitive + ")";
                }
                if (!toNullable) {
                    return primitive;
                }
                String boxed = box(primitive, tk);
                return fromNullable ? "(" + v.code() + " == null ? null : " + boxed + ")" : boxed;
            }
            case BOOLEAN:
                if (toNullable) {
                    return "Boolean.valueOf(" + v.code() + ")";
                }
                return "Js.unboxBoolean(" + v.code() + ", " + where() + ")";
            case STRING: {
                String s = fromNullable && !toNullable ? "((String) Js.required(" + v.code() + ", " + where() + "))" : v.code();
                if (toN instanceof EnumType target && !toN.equals(fromN)) {
                    String check = "Js.symbol(" + s + ", " + enumConstant(target) + ", " + where() + ")";
                    return fromNullable && toNullable ? "(" + v.code() + " == null ? null : " + check + ")" : check;
                }
                return s;
            }
            case RECORD:
                if (!sameShape(fromN, toN) && widens(fromN, toN)) {
                    String source = fromNullable && !toNullable
                            ? "((org.apache.flink.types.Row) Js.required(" + v.code() + ", " + where() + "))" : v.code();
                    return widenRecord(source, (RecordType) fromN, (RecordType) toN, fromNullable && toNullable);
                }
                if (!sameShape(fromN, toN)) {
                    problem("a " + fromN.describe() + " record where " + toN.describe() + " is expected");
                    return defaultValue(to);
                }
                return fromNullable && !toNullable
                        ? "((org.apache.flink.types.Row) Js.required(" + v.code() + ", " + where() + "))"
                        : v.code();
            case ARRAY: {
                DataType fi = ((ArrayType) fromN).items();
                DataType ti = ((ArrayType) toN).items();
                if (!sameShape(fi.nonNull(), ti.nonNull()) && widens(fi, ti)) {
                    String source = fromNullable && !toNullable
                            ? "((Object[]) Js.required(" + v.code() + ", " + where() + "))" : v.code();
                    return widenArray(source, fi, ti, fromNullable && toNullable);
                }
                // Arrays of one shape share one representation; only widening the items to optional is allowed.
                if (!sameShape(fi.nonNull(), ti.nonNull()) || (fi.isNullable() && !ti.isNullable())) {
                    problem("an array of " + fi.describe() + " where an array of " + ti.describe() + " is expected");
                    return defaultValue(to);
                }
                return fromNullable && !toNullable
                        ? "((Object[]) Js.required(" + v.code() + ", " + where() + "))"
                        : v.code();
            }
            case MAP: {
                DataType fv = ((MapType) fromN).values();
                DataType tv = ((MapType) toN).values();
                if (!fv.nonNull().equals(tv.nonNull()) || (fv.isNullable() && !tv.isNullable())) {
                    problem("a map of " + fv.describe() + " where a map of " + tv.describe() + " is expected");
                    return defaultValue(to);
                }
                return fromNullable && !toNullable
                        ? "((java.util.Map) Js.required(" + v.code() + ", " + where() + "))"
                        : v.code();
            }
            default:
                throw new IllegalStateException("unhandled category " + fc);
        }
    }

    /**
     * Whether values of {@code a} are values of {@code b} as they are: equal types, or records of
     * other names with the same fields (TypeScript types are structural, and a row is positional,
     * so a row of one is a row of the other), also as array items.
     */
    public static boolean sameShape(DataType a, DataType b) {
        if (a.equals(b)) {
            return true;
        }
        if (a instanceof NullableType na && b instanceof NullableType nb) {
            return sameShape(na.inner(), nb.inner());
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return sameShape(aa.items(), ab.items());
        }
        if (a instanceof MapType ma && b instanceof MapType mb) {
            return sameShape(ma.values(), mb.values());
        }
        if (a instanceof RecordType ra && b instanceof RecordType rb && ra.fields().size() == rb.fields().size()) {
            for (int i = 0; i < ra.fields().size(); i++) {
                RecordField fa = ra.fields().get(i);
                RecordField fb = rb.fields().get(i);
                if (!fa.name().equals(fb.name()) || !sameShape(fa.type(), fb.type())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether every value of {@code a} converts to {@code b} without loss: numbers widen
     * (int → long → double, a timestamp is a long), a value into its optional form, and records
     * (same field names) and arrays whose parts do. TypeScript allows such a value where the other
     * type is expected, e.g. an object literal with an {@code Int} field where the field is a number.
     */
    static boolean widens(DataType a, DataType b) {
        if (sameShape(a, b)) {
            return true;
        }
        if (a.isNullable() && !b.isNullable()) {
            return false;
        }
        DataType an = a.nonNull();
        DataType bn = b.nonNull();
        if (category(an) == Category.NUMBER && category(bn) == Category.NUMBER) {
            String fk = numberKind(an);
            String tk = numberKind(bn);
            return fk.equals(tk) || fk.equals("int") || tk.equals("double");
        }
        if (an instanceof ArrayType aa && bn instanceof ArrayType ab) {
            return widens(aa.items(), ab.items());
        }
        if (an instanceof RecordType ra && bn instanceof RecordType rb && ra.fields().size() == rb.fields().size()) {
            for (int i = 0; i < ra.fields().size(); i++) {
                if (!ra.fields().get(i).name().equals(rb.fields().get(i).name())
                        || !widens(ra.fields().get(i).type(), rb.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        }
        return sameShape(an, bn);
    }

    /** A new row of {@code to} with each field of {@code source} (a row of {@code from}) widened. */
    private String widenRecord(String source, RecordType from, RecordType to, boolean nullable) {
        String row = newLocal(to);
        open(nullable ? "if (" + source + " != null)" : "");
        line(row + " = new org.apache.flink.types.Row(" + to.fields().size() + ");");
        for (int i = 0; i < to.fields().size(); i++) {
            DataType toField = to.fields().get(i).type();
            Value field = itemValue(source + ".getField(" + i + ")", from.fields().get(i).type());
            line(row + ".setField(" + i + ", " + asObject(new Value(convert(field, toField), toField)) + ");");
        }
        close("}");
        return row;
    }

    /** A new array of {@code to} items with each item of {@code source} widened. */
    private String widenArray(String source, DataType from, DataType to, boolean nullable) {
        String array = newLocal(new ArrayType(to));
        open(nullable ? "if (" + source + " != null)" : "");
        line(array + " = " + newArray(to, source + ".length") + ";");
        String k = "k" + (locals++);
        open("for (int " + k + " = 0; " + k + " < " + source + ".length; " + k + "++)");
        Value item = itemValue(source + "[" + k + "]", from);
        line(array + "[" + k + "] = " + asObject(new Value(convert(item, to), to)) + ";");
        close("}");
        close("}");
        return array;
    }

    /** {@code code} as an int or long literal when it is a double literal of an integral value in range, else null. */
    private static String integralConstant(String code, String kind) {
        String literal = code.startsWith("(") && code.endsWith(")") ? code.substring(1, code.length() - 1) : code;
        if (!literal.matches("-?[0-9]+\\.[0-9]+(E-?[0-9]+)?")) {
            return null;
        }
        double d = Double.parseDouble(literal);
        boolean fits = d == Math.rint(d) && (kind.equals("int")
                ? d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE : Math.abs(d) < 9.223372036854775807E18);
        if (!fits) {
            return null;
        }
        long l = (long) d;
        String text = kind.equals("int") ? Long.toString(l) : l + "L";
        return l < 0 ? "(" + text + ")" : text;
    }

    private String unbox(String code, String kind) {
        switch (kind) {
            case "double":
                return "Js.unboxDouble(" + code + ", " + where() + ")";
            case "int":
                return "Js.unboxInt(" + code + ", " + where() + ")";
            default:
                return "Js.unboxLong(" + code + ", " + where() + ")";
        }
    }

    private static String box(String primitive, String kind) {
        switch (kind) {
            case "double":
                return "Double.valueOf(" + primitive + ")";
            case "int":
                return "Integer.valueOf(" + primitive + ")";
            default:
                return "Long.valueOf(" + primitive + ")";
        }
    }

    /** The value as a Java double (numbers only; optional ones must be present). */
    String asDouble(Value v) {
        if (category(v.type()) != Category.NUMBER) {
            problem("expected a number, got " + v.type().describe());
            return "0.0";
        }
        return convert(v, PrimitiveType.DOUBLE);
    }

    /** The value as a non-null Java String (strings and enum symbols). */
    String asString(Value v) {
        if (category(v.type()) != Category.STRING) {
            problem("expected a string, got " + v.type().describe());
            return "\"\"";
        }
        return convert(v, PrimitiveType.STRING);
    }

    static String truthy(Value v) {
        if (v.type() == PrimitiveType.BOOLEAN) {
            return v.code();
        }
        return "Js.truthy(" + v.code() + ")";
    }

    /** Boxes a primitive so it can be passed as Object. */
    static String asObject(Value v) {
        if (!isPrimitive(v.type())) {
            return v.code();
        }
        switch (javaType(v.type())) {
            case "double":
                return "Double.valueOf(" + v.code() + ")";
            case "int":
                return "Integer.valueOf(" + v.code() + ")";
            case "long":
                return "Long.valueOf(" + v.code() + ")";
            default:
                return "Boolean.valueOf(" + v.code() + ")";
        }
    }

    /** A constant of the generated class holding the enum's symbols, for run-time checks. */
    private String enumConstant(EnumType e) {
        enumTypes.put(e.name(), e);
        return enumConstants.computeIfAbsent(e.name(), n -> "SYMBOLS_" + n);
    }

    // ------------------------------------------------------------------ expressions

    @Override
    public Value visitRef(Expr.Ref e) {
        for (Binding b : scope) {
            if (b.name().equals(e.name())) {
                return result(b.value(), e.type());
            }
        }
        problem("unknown name '" + e.name() + "' (the function's parameter" + (paramNames.size() == 1
                ? " is '" + paramNames.get(0) + "'" : "s are " + String.join(", ", paramNames.stream().map(n -> "'" + n + "'").toList()))
                + (scope.size() > paramNames.size() ? "; other names in scope: "
                + String.join(", ", scope.stream().map(Binding::name).filter(n -> !paramNames.contains(n)).distinct().toList()) : "")
                + ")");
        return placeholder(e.type());
    }

    @Override
    public Value visitField(Expr.Field e) {
        Value target = gen(e.target(), path + ".target");
        if (!(target.type().nonNull() instanceof RecordType record)) {
            problem("'." + e.name() + "' on a value of type " + target.type().describe() + ", which is not a record");
            return placeholder(e.type());
        }
        int index = record.indexOf(e.name());
        if (index < 0) {
            problem(record.name() + " has no field '" + e.name() + "'");
            return placeholder(e.type());
        }
        DataType fieldType = record.fields().get(index).type();
        String read = "(" + boxedType(fieldType) + ") " + target.code() + ".getField(" + index + ")";
        Value value;
        if (target.type().isNullable()) {
            if (!e.optional()) {
                String required = "((org.apache.flink.types.Row) Js.required(" + target.code() + ", " + where() + "))";
                value = fieldValue(required + ".getField(" + index + ")", fieldType);
            } else {
                // ?. : a null target gives null without reading the field.
                DataType type = nullable(fieldType);
                String name = newLocal(type);
                line("if (" + target.code() + " != null) " + name + " = " + read + ";");
                value = new Value(name, type);
            }
        } else {
            value = fieldValue(target.code() + ".getField(" + index + ")", fieldType);
        }
        return result(value, e.type());
    }

    /** A local holding a field read from a row, unboxed when the field is not optional. */
    private Value fieldValue(String getField, DataType fieldType) {
        String cast = "(" + boxedType(fieldType) + ") " + getField;
        if (isPrimitive(fieldType)) {
            return local("(" + cast + ")." + javaType(fieldType) + "Value()", fieldType);
        }
        return local(cast, fieldType);
    }

    @Override
    public Value visitLiteral(Expr.Literal e) {
        DataType declared = e.type();
        DataType n = declared.nonNull();
        Object v = e.value();
        if (v == null) {
            return result(new Value("null", PrimitiveType.NULL), declared);
        }
        if (v instanceof Boolean b) {
            return result(new Value(b.toString(), PrimitiveType.BOOLEAN), declared);
        }
        if (v instanceof String s) {
            if (n instanceof EnumType en) {
                if (!en.symbols().contains(s)) {
                    problem("\"" + s + "\" is not a symbol of " + en.name());
                    return placeholder(declared);
                }
                return result(new Value(javaString(s), n), declared);
            }
            return result(new Value(stringConstant(s, false), PrimitiveType.STRING), declared);
        }
        double d = (Double) v;
        if (category(n) != Category.NUMBER) {
            problem("the number " + Js.numberToString(d) + " cannot have type " + declared.describe());
            return placeholder(declared);
        }
        String kind = numberKind(n);
        if (kind.equals("double")) {
            return result(new Value(doubleLiteral(d), PrimitiveType.DOUBLE), declared);
        }
        boolean fits = d == Math.rint(d)
                && (kind.equals("int") ? d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE : Math.abs(d) < 9.223372036854775807E18);
        if (!fits) {
            problem("the number " + Js.numberToString(d) + " is not a " + n.describe());
            return placeholder(declared);
        }
        long l = (long) d;
        String code = kind.equals("int") ? Long.toString(l) : l + "L";
        return result(new Value(l < 0 ? "(" + code + ")" : code, n), declared);
    }

    @Override
    public Value visitUnary(Expr.Unary e) {
        Value operand = gen(e.operand(), path + ".operand");
        switch (e.op()) {
            case "!":
                return result(local("!" + truthy(operand), PrimitiveType.BOOLEAN), e.type());
            case "-":
                return result(local("-" + asDouble(operand), PrimitiveType.DOUBLE), e.type());
            default: {
                // Unary + is ToNumber, which also reads strings, booleans and null (as 0).
                boolean number = category(operand.type()) == Category.NUMBER && !operand.type().isNullable();
                String code = number ? convert(operand, PrimitiveType.DOUBLE) : "Js.toNumber(" + operand.code() + ")";
                return result(local(code, PrimitiveType.DOUBLE), e.type());
            }
        }
    }

    @Override
    public Value visitBinary(Expr.Binary e) {
        Value left = gen(e.left(), path + ".left");
        Value right = gen(e.right(), path + ".right");
        String op = e.op();
        switch (op) {
            case "+":
            case "-":
            case "*":
            case "/":
            case "%": {
                // Java's % on doubles truncates like JavaScript's (the result has the dividend's sign).
                String code = asDouble(left) + " " + op + " " + asDouble(right);
                return result(local(code, PrimitiveType.DOUBLE), e.type());
            }
            case "<":
            case "<=":
            case ">":
            case ">=": {
                Category lc = category(left.type());
                Category rc = category(right.type());
                String code;
                if (lc == Category.STRING && rc == Category.STRING) {
                    // String.compareTo orders by UTF-16 code units, as JavaScript does.
                    code = asString(left) + ".compareTo(" + asString(right) + ") " + op + " 0";
                } else if (lc == Category.NUMBER && rc == Category.NUMBER) {
                    code = asDouble(left) + " " + op + " " + asDouble(right);
                } else {
                    problem("'" + op + "' compares two numbers or two strings, not "
                            + left.type().describe() + " and " + right.type().describe());
                    return placeholder(e.type());
                }
                return result(local(code, PrimitiveType.BOOLEAN), e.type());
            }
            default: {
                String equal = strictEquals(left, right);
                String code = op.equals("===") ? equal : "!(" + equal + ")";
                return result(local(code, PrimitiveType.BOOLEAN), e.type());
            }
        }
    }

    private String strictEquals(Value left, Value right) {
        DataType l = left.type();
        DataType r = right.type();
        if (!l.isNullable() && !r.isNullable()) {
            Category lc = category(l);
            Category rc = category(r);
            if (lc == Category.NUMBER && rc == Category.NUMBER) {
                return convert(left, PrimitiveType.DOUBLE) + " == " + convert(right, PrimitiveType.DOUBLE);
            }
            if (lc == Category.BOOLEAN && rc == Category.BOOLEAN) {
                return left.code() + " == " + right.code();
            }
            if (lc == Category.STRING && rc == Category.STRING) {
                return left.code() + ".equals(" + right.code() + ")";
            }
        }
        return "Js.strictEquals(" + asObject(left) + ", " + asObject(right) + ")";
    }

    @Override
    public Value visitLogical(Expr.Logical e) {
        DataType type = e.type();
        Value left = gen(e.left(), path + ".left");
        String result = newLocal(type);
        switch (e.op()) {
            case "&&":
                open("if (" + truthy(left) + ")");
                assignOperand(result, gen(e.right(), path + ".right"), type);
                close("} else {");
                indent++;
                assignOperand(result, left, type);
                close("}");
                break;
            case "||":
                open("if (" + truthy(left) + ")");
                assignOperand(result, left, type);
                close("} else {");
                indent++;
                assignOperand(result, gen(e.right(), path + ".right"), type);
                close("}");
                break;
            default:
                if (!left.type().isNullable()) {
                    // Never null: the right side is never evaluated.
                    line(result + " = " + convert(left, type) + ";");
                    break;
                }
                open("if (" + left.code() + " != null)");
                line(result + " = " + convert(left, type) + ";");
                close("} else {");
                indent++;
                assignOperand(result, gen(e.right(), path + ".right"), type);
                close("}");
        }
        return new Value(result, type);
    }

    /**
     * {@code &&} and {@code ||} yield an operand. When the expression's type is boolean but the
     * operand is not (TypeScript's type would be a union Avro cannot write), the operand
     * contributes its truthiness, which is all a boolean context can observe.
     */
    private void assignOperand(String result, Value operand, DataType type) {
        if (type == PrimitiveType.BOOLEAN && category(operand.type()) != Category.BOOLEAN) {
            line(result + " = " + truthy(operand) + ";");
        } else {
            line(result + " = " + convert(operand, type) + ";");
        }
    }

    @Override
    public Value visitConditional(Expr.Conditional e) {
        DataType type = e.type();
        Value test = gen(e.test(), path + ".test");
        String result = newLocal(type);
        open("if (" + truthy(test) + ")");
        line(result + " = " + convert(gen(e.whenTrue(), path + ".whenTrue"), type) + ";");
        close("} else {");
        indent++;
        line(result + " = " + convert(gen(e.whenFalse(), path + ".whenFalse"), type) + ";");
        close("}");
        return new Value(result, type);
    }

    @Override
    public Value visitConcat(Expr.Concat e) {
        // Java joins adjacent string literals into one constant, which must fit in a class file too.
        long literalBytes = 0;
        for (Expr part : e.parts()) {
            if (part instanceof Expr.Literal l && l.value() instanceof String s) {
                literalBytes += modifiedUtf8Length(s);
            }
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < e.parts().size(); i++) {
            String partPath = path + ".parts[" + i + "]";
            if (literalBytes > MAX_CONSTANT_BYTES && e.parts().get(i) instanceof Expr.Literal l && l.value() instanceof String s) {
                String saved = path;
                path = partPath;
                parts.add(stringConstant(s, true));
                path = saved;
                continue;
            }
            Value part = gen(e.parts().get(i), partPath);
            boolean plainString = category(part.type()) == Category.STRING && !part.type().isNullable();
            parts.add(plainString ? part.code() : "Js.str(" + part.code() + ")");
        }
        String code = parts.isEmpty() ? "\"\"" : "\"\" + " + String.join(" + ", parts);
        return result(local(code, PrimitiveType.STRING), e.type());
    }

    @Override
    public Value visitCall(Expr.Call e) {
        JsMethod method = JsMethod.byName(e.method());
        Value target = gen(e.target(), path + ".target");
        if (method.takesLambda()) {
            return arrayLoop(e, method, target);
        }
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < e.args().size(); i++) {
            args.add(gen(e.args().get(i), path + ".args[" + i + "]"));
        }
        if (!checkCall(method, target, e.args().size())) {
            return placeholder(e.type());
        }
        if (method == JsMethod.ARRAY_LENGTH) {
            String array = convert(target, target.type().nonNull());
            return result(local(array + ".length", PrimitiveType.INT), e.type());
        }
        if (!method.onString()) {
            return arrayOrMapCall(e, method, target, args);
        }
        String s = asString(target);
        switch (method) {
            case STRING_LENGTH:
                // Java strings are UTF-16 like JavaScript's: length counts code units.
                return result(local(s + ".length()", PrimitiveType.INT), e.type());
            case STRING_TO_UPPER_CASE:
                return result(local("Js.toUpperCase(" + s + ")", PrimitiveType.STRING), e.type());
            case STRING_TO_LOWER_CASE:
                return result(local("Js.toLowerCase(" + s + ")", PrimitiveType.STRING), e.type());
            case STRING_TRIM:
                return result(local("Js.trim(" + s + ")", PrimitiveType.STRING), e.type());
            case STRING_TRIM_START:
                return result(local("Js.trimStart(" + s + ")", PrimitiveType.STRING), e.type());
            case STRING_TRIM_END:
                return result(local("Js.trimEnd(" + s + ")", PrimitiveType.STRING), e.type());
            case STRING_INDEX_OF:
                // Java's indexOf counts UTF-16 code units and finds "" at 0, as JavaScript does.
                return result(local(s + ".indexOf(" + asString(args.get(0)) + ")", PrimitiveType.INT), e.type());
            case STRING_SLICE:
            case STRING_SUBSTRING:
            case STRING_CHAR_AT:
                return result(local(jsCall(method == JsMethod.STRING_SLICE ? "slice" : method == JsMethod.STRING_SUBSTRING
                        ? "substring" : "charAt", s, numbers(args)), PrimitiveType.STRING), e.type());
            case STRING_SPLIT: {
                List<String> rest = new ArrayList<>(List.of(asString(args.get(0))));
                if (args.size() == 2) {
                    rest.add(asDouble(args.get(1)));
                }
                return result(local(jsCall("split", s, rest), new ArrayType(PrimitiveType.STRING)), e.type());
            }
            case STRING_REPEAT:
                return result(local("Js.repeat(" + s + ", " + asDouble(args.get(0)) + ", " + where() + ")",
                        PrimitiveType.STRING), e.type());
            case STRING_PAD_START:
            case STRING_PAD_END: {
                // The fill defaults to one space.
                String fill = args.size() == 2 ? asString(args.get(1)) : "\" \"";
                String name = method == JsMethod.STRING_PAD_START ? "padStart" : "padEnd";
                return result(local("Js." + name + "(" + s + ", " + asDouble(args.get(0)) + ", " + fill + ", " + where() + ")",
                        PrimitiveType.STRING), e.type());
            }
            case STRING_REPLACE:
            case STRING_REPLACE_ALL:
                return result(local(jsCall(method == JsMethod.STRING_REPLACE ? "replace" : "replaceAll", s,
                        List.of(asString(args.get(0)), asString(args.get(1)))), PrimitiveType.STRING), e.type());
            default: {
                String name = method == JsMethod.STRING_INCLUDES ? "includes"
                        : method == JsMethod.STRING_STARTS_WITH ? "startsWith" : "endsWith";
                StringBuilder call = new StringBuilder("Js." + name + "(" + s + ", " + asString(args.get(0)));
                if (args.size() == 2) {
                    call.append(", ").append(asDouble(args.get(1)));
                }
                call.append(")");
                return result(local(call.toString(), PrimitiveType.BOOLEAN), e.type());
            }
        }
    }

    /** Checks the argument count and the target's kind; false (with a problem) when they are wrong. */
    private boolean checkCall(JsMethod method, Value target, int argCount) {
        if (argCount < method.minArgs() || argCount > method.maxArgs()) {
            problem(method.jsName() + " takes " + (method.minArgs() == method.maxArgs()
                    ? String.valueOf(method.minArgs()) : method.minArgs() + " or " + method.maxArgs())
                    + " argument(s), got " + argCount);
            return false;
        }
        Category expected = method.onString() ? Category.STRING : method.onMap() ? Category.MAP : Category.ARRAY;
        if (category(target.type()) != expected) {
            problem(method.jsName() + " called on a value of type " + target.type().describe());
            return false;
        }
        return true;
    }

    private Value arrayOrMapCall(Expr.Call e, JsMethod method, Value target, List<Value> args) {
        if (method.onMap()) {
            String map = convert(target, target.type().nonNull());
            if (method == JsMethod.MAP_KEYS) {
                return result(local("JsArrays.keys(" + map + ")", new ArrayType(PrimitiveType.STRING)), e.type());
            }
            return result(local(map + ".containsKey(" + propertyKey(args.get(0)) + ")", PrimitiveType.BOOLEAN), e.type());
        }
        ArrayType arrayType = (ArrayType) target.type().nonNull();
        String array = convert(target, arrayType);
        switch (method) {
            case ARRAY_INCLUDES:
            case ARRAY_INDEX_OF: {
                String from = args.size() == 2 ? asDouble(args.get(1)) : "0.0";
                String call = (method == JsMethod.ARRAY_INCLUDES ? "JsArrays.includes(" : "JsArrays.indexOf(")
                        + array + ", " + asObject(args.get(0)) + ", " + from + ")";
                return result(local(call, method == JsMethod.ARRAY_INCLUDES ? PrimitiveType.BOOLEAN : PrimitiveType.INT), e.type());
            }
            case ARRAY_SLICE: {
                String start = args.isEmpty() ? "0.0" : asDouble(args.get(0));
                String end = args.size() < 2 ? "Double.POSITIVE_INFINITY" : asDouble(args.get(1));
                return result(local("JsArrays.slice(" + array + ", " + start + ", " + end + ")", arrayType), e.type());
            }
            case ARRAY_JOIN: {
                String separator = args.isEmpty() ? "\",\"" : asString(args.get(0));
                return result(local("JsArrays.join(" + array + ", " + separator + ")", PrimitiveType.STRING), e.type());
            }
            default:
                throw new IllegalStateException("not an array method without a function: " + method);
        }
    }

    /** A map key as JavaScript reads a property key: String(x). */
    private String propertyKey(Value key) {
        if (category(key.type()) == Category.STRING && !key.type().isNullable()) {
            return key.code();
        }
        return "Js.str(" + asObject(key) + ")";
    }

    /**
     * {@code map}, {@code filter}, {@code some}, {@code every} and {@code reduce}: a loop over the
     * array whose body is the lambda's, with its parameters bound to the accumulator, the item,
     * the index and the array. Janino compiles no Java lambdas; a loop also captures the enclosing
     * names for free and stops {@code some}/{@code every} where JavaScript stops.
     */
    private Value arrayLoop(Expr.Call e, JsMethod method, Value target) {
        String callPath = path;
        if (!checkCall(method, target, e.args().size())) {
            return placeholder(e.type());
        }
        String lambdaPath = path + ".args[0]";
        if (!(e.args().get(0) instanceof Expr.Lambda lambda)) {
            problems.add(new ExpressionException.Problem(lambdaPath, method.jsName() + " takes a lambda here"));
            return placeholder(e.type());
        }
        boolean reduce = method == JsMethod.ARRAY_REDUCE;
        Value initial = reduce ? gen(e.args().get(1), path + ".args[1]") : null;
        ArrayType arrayType = (ArrayType) target.type().nonNull();
        DataType itemType = arrayType.items();
        int firstItemParam = reduce ? 1 : 0;
        if (lambda.params().size() > firstItemParam + 3 || lambda.params().size() < firstItemParam) {
            problems.add(new ExpressionException.Problem(lambdaPath + ".params", method.jsName() + "'s function takes "
                    + (reduce ? "the accumulator, " : "") + "the item, its index and the array, not "
                    + lambda.params().size() + " parameter(s)"));
            return placeholder(e.type());
        }
        Value array = local(convert(target, arrayType), arrayType);
        DataType resultType = e.type().nonNull();
        String result;
        DataType outItems = null;
        switch (method) {
            case ARRAY_MAP:
            case ARRAY_FILTER:
                if (!(resultType instanceof ArrayType out)) {
                    problem(method.jsName() + " gives an array, not " + e.type().describe());
                    return placeholder(e.type());
                }
                outItems = out.items();
                if (method == JsMethod.ARRAY_MAP) {
                    result = local(newArray(outItems, array.code() + ".length"), resultType).code();
                } else {
                    result = "v" + (locals++);
                    line("java.util.ArrayList " + result + " = new java.util.ArrayList(" + array.code() + ".length);");
                }
                break;
            case ARRAY_SOME:
                result = local("false", PrimitiveType.BOOLEAN).code();
                resultType = PrimitiveType.BOOLEAN;
                break;
            case ARRAY_EVERY:
                result = local("true", PrimitiveType.BOOLEAN).code();
                resultType = PrimitiveType.BOOLEAN;
                break;
            default:
                resultType = e.type();
                result = local(convert(initial, resultType), resultType).code();
        }
        String k = "k" + (locals++);
        open("for (int " + k + " = 0; " + k + " < " + array.code() + ".length; " + k + "++)");
        path = lambdaPath + ".body";
        List<Value> arguments = new ArrayList<>();
        if (reduce) {
            arguments.add(new Value(result, resultType));
        }
        arguments.add(itemValue(array.code() + "[" + k + "]", itemType));
        arguments.add(new Value(k, PrimitiveType.INT));
        arguments.add(array);
        for (int i = 0; i < lambda.params().size(); i++) {
            Expr.Param p = lambda.params().get(i);
            bind(p.name(), local(convert(arguments.get(i), p.type()), p.type()));
        }
        Value body = gen(lambda.body(), lambdaPath + ".body");
        path = lambdaPath + ".body";
        switch (method) {
            case ARRAY_MAP:
                line(result + "[" + k + "] = " + asObject(new Value(convert(body, outItems), outItems)) + ";");
                break;
            case ARRAY_FILTER:
                line("if (" + truthy(body) + ") " + result + ".add(" + array.code() + "[" + k + "]);");
                break;
            case ARRAY_SOME:
                open("if (" + truthy(body) + ")");
                line(result + " = true;");
                line("break;");
                close("}");
                break;
            case ARRAY_EVERY:
                open("if (!" + truthy(body) + ")");
                line(result + " = false;");
                line("break;");
                close("}");
                break;
            default:
                line(result + " = " + convert(body, resultType) + ";");
        }
        for (int i = 0; i < lambda.params().size(); i++) {
            unbind();
        }
        path = callPath;
        close("}");
        if (method == JsMethod.ARRAY_FILTER) {
            return result(local("(Object[]) " + result + ".toArray(" + newArray(outItems, "0") + ")", resultType), e.type());
        }
        return result(new Value(result, resultType), e.type());
    }

    /** An item read from an array (boxed), unboxed when the item type is a non-null primitive. */
    private Value itemValue(String read, DataType itemType) {
        String cast = "(" + boxedType(itemType) + ") " + read;
        if (isPrimitive(itemType)) {
            return local("(" + cast + ")." + javaType(itemType) + "Value()", itemType);
        }
        return local(cast, itemType);
    }

    /** A new Java array whose class is the one rows carry for an array of {@code items}. */
    private static String newArray(DataType items, String length) {
        Class<?> c = RowTypes.valueClass(items);
        int dimensions = 0;
        while (c.isArray()) {
            dimensions++;
            c = c.getComponentType();
        }
        return "new " + c.getName() + "[" + length + "]" + "[]".repeat(dimensions);
    }

    private List<String> numbers(List<Value> args) {
        List<String> out = new ArrayList<>();
        for (Value a : args) {
            out.add(asDouble(a));
        }
        return out;
    }

    private static String jsCall(String name, String first, List<String> rest) {
        StringBuilder sb = new StringBuilder("Js." + name + "(" + first);
        for (String r : rest) {
            sb.append(", ").append(r);
        }
        return sb.append(")").toString();
    }

    @Override
    public Value visitBuiltin(Expr.Builtin e) {
        JsBuiltin builtin = JsBuiltin.byName(e.name());
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < e.args().size(); i++) {
            args.add(gen(e.args().get(i), path + ".args[" + i + "]"));
        }
        if (args.size() < builtin.minArgs() || args.size() > builtin.maxArgs()) {
            problem(builtin.jsName() + " takes " + (builtin.maxArgs() == Integer.MAX_VALUE ? "at least " + builtin.minArgs()
                    : builtin.minArgs() == builtin.maxArgs() ? String.valueOf(builtin.minArgs())
                    : builtin.minArgs() + " or " + builtin.maxArgs()) + " argument(s), got " + args.size());
            return placeholder(e.type());
        }
        switch (builtin) {
            case STRING: {
                Value v = args.get(0);
                boolean plainString = category(v.type()) == Category.STRING && !v.type().isNullable();
                return result(local(plainString ? v.code() : "Js.str(" + v.code() + ")", PrimitiveType.STRING), e.type());
            }
            case NUMBER: {
                // Number(x) is ToNumber, like unary +; a null (absent optional) is 0.
                Value v = args.get(0);
                boolean number = category(v.type()) == Category.NUMBER && !v.type().isNullable();
                String code = number ? convert(v, PrimitiveType.DOUBLE) : "Js.toNumber(" + asObject(v) + ")";
                return result(local(code, PrimitiveType.DOUBLE), e.type());
            }
            case NUMBER_IS_FINITE:
            case NUMBER_IS_INTEGER: {
                // Anything but a number is false, null included, as in JavaScript.
                String name = builtin == JsBuiltin.NUMBER_IS_FINITE ? "isFinite" : "isInteger";
                Value v = args.get(0);
                String arg = category(v.type()) == Category.NUMBER && !v.type().isNullable()
                        ? "Double.valueOf(" + convert(v, PrimitiveType.DOUBLE) + ")" : asObject(v);
                return result(local("Js." + name + "(" + arg + ")", PrimitiveType.BOOLEAN), e.type());
            }
            case PARSE_INT: {
                List<String> rest = args.size() == 2 ? List.of(asDouble(args.get(1))) : List.of();
                return result(local(jsCall("parseInt", asString(args.get(0)), rest), PrimitiveType.DOUBLE), e.type());
            }
            case PARSE_FLOAT:
                return result(local("Js.parseFloat(" + asString(args.get(0)) + ")", PrimitiveType.DOUBLE), e.type());
            default:
                return result(local(math(builtin, numbers(args)), PrimitiveType.DOUBLE), e.type());
        }
    }

    /**
     * Java's Math agrees with JavaScript for abs, floor, ceil, sqrt, sign, min and max (NaN wins,
     * -0 is below +0); round and trunc differ, so {@link JsBuiltin} names {@link Js}'s versions,
     * and log, exp and pow are V8's own, so it names {@link JsMath}'s. min and max fold pairwise.
     */
    private static String math(JsBuiltin builtin, List<String> args) {
        String function = builtin.javaFunction();
        if (function == null) {
            throw new IllegalStateException("not a Math function: " + builtin);
        }
        if (builtin == JsBuiltin.MATH_MIN || builtin == JsBuiltin.MATH_MAX) {
            String code = args.get(0);
            for (int i = 1; i < args.size(); i++) {
                code = function + "(" + code + ", " + args.get(i) + ")";
            }
            return code;
        }
        return function + "(" + String.join(", ", args) + ")";
    }

    @Override
    public Value visitObject(Expr.ObjectExpr e) {
        if (!(e.type().nonNull() instanceof RecordType record)) {
            problem("an object literal needs a record type, not " + e.type().describe());
            return placeholder(e.type());
        }
        List<RecordField> declared = record.fields();
        if (e.fields().size() != declared.size()) {
            problem("the object has " + e.fields().size() + " fields but " + record.name() + " declares " + declared.size());
        }
        String row = newLocal(record);
        line(row + " = new org.apache.flink.types.Row(" + declared.size() + ");");
        for (int i = 0; i < e.fields().size(); i++) {
            Expr.ObjectField f = e.fields().get(i);
            String fieldPath = path + ".fields[" + i + "]";
            if (i >= declared.size() || !declared.get(i).name().equals(f.name())) {
                String expectedName = i < declared.size() ? "'" + declared.get(i).name() + "'" : "no field";
                problems.add(new ExpressionException.Problem(fieldPath + ".name",
                        "field " + i + " is '" + f.name() + "' but " + record.name() + " declares " + expectedName + " there"));
                continue;
            }
            DataType fieldType = declared.get(i).type();
            Value value = gen(f.value(), fieldPath + ".value");
            String saved = path;
            path = fieldPath + ".value";
            String code = convert(value, fieldType);
            path = saved;
            line(row + ".setField(" + i + ", " + asObject(new Value(code, fieldType)) + ");");
        }
        return result(new Value(row, record), e.type());
    }

    @Override
    public Value visitCoerce(Expr.Coerce e) {
        Value operand = gen(e.operand(), path + ".operand");
        DataType target = e.type().nonNull();
        if (category(target) != Category.NUMBER) {
            problem("coerce converts to int, long, a timestamp or double, not " + e.type().describe());
            return placeholder(e.type());
        }
        String d = asDouble(operand);
        switch (numberKind(target)) {
            case "double":
                return result(local(d, PrimitiveType.DOUBLE), e.type());
            case "int":
                return result(local("Js.toInt(" + d + ", " + where() + ")", PrimitiveType.INT), e.type());
            default:
                return result(local("Js.toLong(" + d + ", " + where() + ")", target), e.type());
        }
    }

    @Override
    public Value visitLet(Expr.Let e) {
        Value value = gen(e.value(), path + ".value");
        bind(e.name(), value);
        Value body = gen(e.body(), path + ".body");
        unbind();
        return result(body, e.type());
    }

    @Override
    public Value visitArray(Expr.ArrayLiteral e) {
        if (!(e.type().nonNull() instanceof ArrayType array)) {
            problem("an array literal needs an array type, not " + e.type().describe());
            return placeholder(e.type());
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < e.items().size(); i++) {
            Value item = gen(e.items().get(i), path + ".items[" + i + "]");
            String saved = path;
            path = path + ".items[" + i + "]";
            items.add(asObject(new Value(convert(item, array.items()), array.items())));
            path = saved;
        }
        Value result = local(newArray(array.items(), String.valueOf(items.size())), array);
        for (int i = 0; i < items.size(); i++) {
            line(result.code() + "[" + i + "] = " + items.get(i) + ";");
        }
        return result(result, e.type());
    }

    @Override
    public Value visitLambda(Expr.Lambda e) {
        problem("a lambda is only an argument of array.map, array.filter, array.some, array.every or array.reduce");
        return placeholder(e.type());
    }

    @Override
    public Value visitIndex(Expr.Index e) {
        Value target = gen(e.target(), path + ".target");
        Value index = gen(e.index(), path + ".index");
        DataType t = target.type().nonNull();
        if (t instanceof ArrayType array) {
            String read = "JsArrays.at(" + convert(target, array) + ", " + asDouble(index) + ")";
            DataType item = nullable(array.items());
            return result(local("(" + boxedType(item) + ") " + read, item), e.type());
        }
        if (t instanceof MapType map) {
            String read = convert(target, map) + ".get(" + propertyKey(index) + ")";
            DataType value = nullable(map.values());
            return result(local("(" + boxedType(value) + ") " + read, value), e.type());
        }
        problem("[] reads an array or a map, not " + target.type().describe());
        return placeholder(e.type());
    }

    @Override
    public Value visitState(Expr.StateRead e) {
        return procedure == null ? outsideProcedure("state", e.type()) : procedure.state(e);
    }

    @Override
    public Value visitMapGet(Expr.MapGet e) {
        return procedure == null ? outsideProcedure("map-get", e.type()) : procedure.mapGet(e);
    }

    @Override
    public Value visitMapHas(Expr.MapHas e) {
        return procedure == null ? outsideProcedure("map-has", e.type()) : procedure.mapHas(e);
    }

    @Override
    public Value visitContext(Expr.Context e) {
        return procedure == null ? outsideProcedure("context", e.type()) : procedure.context(e);
    }

    private Value outsideProcedure(String kind, DataType type) {
        problem("'" + kind + "' is only allowed in a process node's onElement and onTimer");
        return placeholder(type);
    }

    /** The value as the expression's declared type (widening, boxing or a null check). */
    Value result(Value natural, DataType declared) {
        if (natural.type().equals(declared)) {
            return natural;
        }
        String code = convert(natural, declared);
        if (code.equals(natural.code())) {
            return new Value(code, declared);
        }
        return local(code, declared);
    }

    // ------------------------------------------------------------------ Java text

    /** A Java double literal; Double.toString round-trips exactly. */
    static String doubleLiteral(double d) {
        if (Double.isNaN(d)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        String code = Double.toString(d);
        return code.startsWith("-") ? "(" + code + ")" : code;
    }

    /**
     * A Java string literal in plain ASCII. Control characters use octal escapes, not Unicode
     * escapes: Java turns Unicode escapes into characters before lexing, so the escape of a line
     * feed would be a line break inside the literal.
     */
    static String javaString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\%03o", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }

    /** The most bytes a string constant takes in a class file (its modified UTF-8, u2 length). */
    static final int MAX_CONSTANT_BYTES = 65_535;

    /** The length of {@code s} in a class file's modified UTF-8: U+0000 and U+0080..U+07FF take 2 bytes, U+0800 and up 3. */
    static long modifiedUtf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += utf8Bytes(s.charAt(i));
        }
        return n;
    }

    private static int utf8Bytes(char c) {
        return c >= 0x01 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
    }

    /**
     * Java code for the string {@code s}: a literal when it fits in a class file's constant, else
     * (or when {@code asField}, for a literal that a concatenation would join with others into one
     * constant) a static field of the class, built once from literals that each fit.
     */
    private String stringConstant(String s, boolean asField) {
        if (!asField && modifiedUtf8Length(s) <= MAX_CONSTANT_BYTES) {
            return javaString(s);
        }
        String name = "STRING_" + longStrings.size();
        StringBuilder declaration = new StringBuilder("  private static final String ").append(name)
                .append(" = new StringBuilder(").append(s.length()).append(')');
        int start = 0;
        while (start < s.length()) {
            int end = start;
            long bytes = 0;
            while (end < s.length() && bytes + utf8Bytes(s.charAt(end)) <= MAX_CONSTANT_BYTES) {
                bytes += utf8Bytes(s.charAt(end));
                end++;
            }
            declaration.append(".append(").append(javaString(s.substring(start, end))).append(')');
            start = end;
        }
        longStrings.add(declaration.append(".toString();").toString());
        longStringPaths.add(path);
        return name;
    }

    /** A Java identifier made from a node id (which may contain . : @ / -). */
    static String javaName(String id) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 0x80 ? c : '_');
        }
        return sb.toString();
    }
}
