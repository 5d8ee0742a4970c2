package dev.tsflink.core.expr;

import dev.tsflink.core.expr.Expr.Binary;
import dev.tsflink.core.expr.Expr.Call;
import dev.tsflink.core.expr.Expr.Coerce;
import dev.tsflink.core.expr.Expr.Concat;
import dev.tsflink.core.expr.Expr.Conditional;
import dev.tsflink.core.expr.Expr.Field;
import dev.tsflink.core.expr.Expr.Literal;
import dev.tsflink.core.expr.Expr.Logical;
import dev.tsflink.core.expr.Expr.ObjectExpr;
import dev.tsflink.core.expr.Expr.ObjectField;
import dev.tsflink.core.expr.Expr.Ref;
import dev.tsflink.core.expr.Expr.Unary;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.tsflink.core.types.PrimitiveType.BOOLEAN;
import static dev.tsflink.core.types.PrimitiveType.DOUBLE;
import static dev.tsflink.core.types.PrimitiveType.INT;
import static dev.tsflink.core.types.PrimitiveType.LONG;
import static dev.tsflink.core.types.PrimitiveType.NULL;
import static dev.tsflink.core.types.PrimitiveType.STRING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every expression kind and call method, generated, compiled with Janino and run on a row, with
 * the value JavaScript gives for the same function.
 */
class JavaFunctionGeneratorTest {

    static final EnumType COLOR = new EnumType("Color", List.of("RED", "GREEN"));
    static final EnumType SHADE = new EnumType("Shade", List.of("GREEN", "BLUE"));
    static final RecordType INNER = new RecordType("Inner", List.of(new RecordField("name", STRING)));
    static final DataType OPT_STRING = new NullableType(STRING);
    static final DataType OPT_DOUBLE = new NullableType(DOUBLE);
    static final DataType OPT_INNER = new NullableType(INNER);
    static final ArrayType STRINGS = new ArrayType(STRING);

    /** The parameter's record: one field of each kind of type. */
    static final RecordType T = new RecordType("T", List.of(
            new RecordField("s", STRING),          // 0
            new RecordField("d", DOUBLE),          // 1
            new RecordField("i", INT),             // 2
            new RecordField("l", LONG),            // 3
            new RecordField("b", BOOLEAN),         // 4
            new RecordField("ts", TimestampType.INSTANCE), // 5
            new RecordField("os", OPT_STRING),     // 6
            new RecordField("od", OPT_DOUBLE),     // 7
            new RecordField("e", COLOR),           // 8
            new RecordField("arr", STRINGS),       // 9
            new RecordField("inner", OPT_INNER))); // 10

    static Row row(String s, double d, int i, long l, boolean b, String os, Double od, String e, Row inner) {
        return Row.of(s, d, i, l, b, 1_700_000_000_000L, os, od, e, new String[] {"x", "y", "z"}, inner);
    }

    static final Row SAMPLE = row("Hello", 2.5, 7, 40L, true, null, null, "GREEN", Row.of("in"));

    // ------------------------------------------------------------------ builders

    static Ref o() {
        return new Ref(T, "o");
    }

    static Field f(String name) {
        return new Field(T.fields().get(T.indexOf(name)).type(), o(), name, false);
    }

    static Literal lit(DataType type, Object value) {
        return new Literal(type, value);
    }

    static Literal str(String s) {
        return lit(STRING, s);
    }

    static Literal num(double d) {
        return lit(DOUBLE, d);
    }

    static Binary bin(DataType type, String op, Expr l, Expr r) {
        return new Binary(type, op, l, r);
    }

    static Call call(DataType type, String method, Expr target, Expr... args) {
        return new Call(type, method, target, List.of(args));
    }

    static Concat concat(Expr... parts) {
        return new Concat(STRING, List.of(parts));
    }

    /** Runs {@code body} as the only field of a map's output record and returns that field. */
    static Object eval(Expr body, Row input) {
        RecordType out = new RecordType("Out", List.of(new RecordField("v", body.type())));
        Row result = mapper(new ObjectExpr(out, List.of(new ObjectField("v", body))), out).map(input);
        return result.getField(0);
    }

    static Object eval(Expr body) {
        return eval(body, SAMPLE);
    }

    static RowMapper mapper(Expr body, RecordType out) {
        GeneratedFunction g = JavaFunctionGenerator.generateMap("test.map", new FunctionSpec("o", T, body), out);
        return FunctionCompiler.compile(g, RowMapper.class, JavaFunctionGeneratorTest.class.getClassLoader());
    }

    static RowPredicate predicate(Expr body) {
        GeneratedFunction g = JavaFunctionGenerator.generateFilter("test/filter", new FunctionSpec("o", T, body));
        return FunctionCompiler.compile(g, RowPredicate.class, JavaFunctionGeneratorTest.class.getClassLoader());
    }

    static String recordError(Expr body, Row input) {
        return assertThrows(RecordException.class, () -> eval(body, input)).getMessage();
    }

    static List<ExpressionException.Problem> problems(Expr body, DataType outType) {
        RecordType out = new RecordType("Out", List.of(new RecordField("v", outType)));
        ObjectExpr wrapped = new ObjectExpr(out, List.of(new ObjectField("v", body)));
        return assertThrows(ExpressionException.class,
                () -> JavaFunctionGenerator.generateMap("bad", new FunctionSpec("o", T, wrapped), out)).problems();
    }

    // ------------------------------------------------------------------ ref, field, literal

    @Test
    void refIsTheParameterItself() {
        Row out = mapper(o(), T).map(SAMPLE);
        assertSame(SAMPLE, out);
    }

    @Test
    void fieldReadsByPosition() {
        assertEquals("Hello", eval(f("s")));
        assertEquals(2.5, eval(f("d")));
        assertEquals(7, eval(f("i")));
        assertEquals(40L, eval(f("l")));
        assertEquals(true, eval(f("b")));
        assertEquals(1_700_000_000_000L, eval(f("ts")));
        assertEquals("GREEN", eval(f("e")));
        assertArrayEquals(new String[] {"x", "y", "z"}, (Object[]) eval(f("arr")));
        assertNull(eval(f("os")));
        assertEquals("in", eval(new Field(STRING, new Field(INNER, o(), "inner", false), "name", false)));
    }

    @Test
    void optionalChainingGivesNullForANullTarget() {
        Expr name = new Field(OPT_STRING, f("inner"), "name", true);
        assertEquals("in", eval(name));
        assertNull(eval(name, row("a", 1, 1, 1, true, null, null, "RED", null)));
    }

    @Test
    void plainAccessThroughANullTargetIsARecordError() {
        Expr name = new Field(STRING, f("inner"), "name", false);
        assertEquals("fn.body.fields[0].value: value is null",
                recordError(name, row("a", 1, 1, 1, true, null, null, "RED", null)));
    }

    @Test
    void literalsTakeTheirDeclaredType() {
        assertEquals("x\"\\é😀", eval(str("x\"\\é😀")));
        assertEquals(1.0, eval(num(1)));
        assertEquals(-0.5, eval(num(-0.5)));
        assertEquals(12, eval(lit(INT, 12.0)));
        assertEquals(-3_000_000_000L, eval(lit(LONG, -3e9)));
        assertEquals(false, eval(lit(BOOLEAN, false)));
        assertNull(eval(lit(OPT_STRING, null)));
        assertNull(eval(lit(NULL, null)));
        assertEquals("RED", eval(lit(COLOR, "RED")));
    }

    // ------------------------------------------------------------------ unary

    @Test
    void notAppliesTruthiness() {
        assertEquals(false, eval(new Unary(BOOLEAN, "!", f("s"))));
        assertEquals(true, eval(new Unary(BOOLEAN, "!", str(""))));
        assertEquals(true, eval(new Unary(BOOLEAN, "!", num(0))));
        assertEquals(true, eval(new Unary(BOOLEAN, "!", lit(DOUBLE, Double.NaN))));
        assertEquals(true, eval(new Unary(BOOLEAN, "!", f("os"))));
        assertEquals(false, eval(new Unary(BOOLEAN, "!", f("inner"))));
        assertEquals(false, eval(new Unary(BOOLEAN, "!", f("b"))));
    }

    @Test
    void minusAndPlusAreNumeric() {
        assertEquals(-2.5, eval(new Unary(DOUBLE, "-", f("d"))));
        assertEquals(-7.0, eval(new Unary(DOUBLE, "-", f("i"))));
        assertEquals(7.0, eval(new Unary(DOUBLE, "+", f("i"))));
        assertEquals(42.0, eval(new Unary(DOUBLE, "+", str(" 42 "))));
        assertEquals(Double.NaN, eval(new Unary(DOUBLE, "+", str("4x"))));
        assertEquals(1.0, eval(new Unary(DOUBLE, "+", f("b"))));
        assertEquals(0.0, eval(new Unary(DOUBLE, "+", f("od"))));
        assertEquals(0.0, eval(new Unary(DOUBLE, "+", f("os"))));
    }

    // ------------------------------------------------------------------ binary

    @Test
    void arithmeticWidensToDouble() {
        assertEquals(9.5, eval(bin(DOUBLE, "+", f("d"), f("i"))));
        assertEquals(33.0, eval(bin(DOUBLE, "-", f("l"), f("i"))));
        assertEquals(17.5, eval(bin(DOUBLE, "*", f("d"), f("i"))));
        assertEquals(2.8, eval(bin(DOUBLE, "/", f("i"), f("d"))));
        assertEquals(Double.POSITIVE_INFINITY, eval(bin(DOUBLE, "/", f("i"), num(0))));
        assertEquals(0.30000000000000004, eval(bin(DOUBLE, "+", num(0.1), num(0.2))));
    }

    @Test
    void remainderHasTheSignOfTheDividend() {
        assertEquals(-1.0, eval(bin(DOUBLE, "%", num(-5), num(2))));
        assertEquals(1.0, eval(bin(DOUBLE, "%", num(5), num(-2))));
        assertEquals(1.5, eval(bin(DOUBLE, "%", num(5.5), num(2))));
        assertEquals(-0.0, eval(bin(DOUBLE, "%", num(-4), num(2))));
        assertEquals(Double.NaN, eval(bin(DOUBLE, "%", num(5), num(0))));
        assertEquals(5.0, eval(bin(DOUBLE, "%", num(5), lit(DOUBLE, Double.POSITIVE_INFINITY))));
    }

    @Test
    void comparisonsOfNumbersAndStrings() {
        assertEquals(true, eval(bin(BOOLEAN, "<", f("i"), f("l"))));
        assertEquals(true, eval(bin(BOOLEAN, "<=", f("i"), lit(INT, 7.0))));
        assertEquals(false, eval(bin(BOOLEAN, ">", f("d"), f("i"))));
        assertEquals(true, eval(bin(BOOLEAN, ">=", f("ts"), num(1e12))));
        assertEquals(false, eval(bin(BOOLEAN, "<", lit(DOUBLE, Double.NaN), num(1))));
        assertEquals(false, eval(bin(BOOLEAN, ">=", lit(DOUBLE, Double.NaN), num(1))));
        // UTF-16 code unit order: uppercase before lowercase, "a" before "ab".
        assertEquals(true, eval(bin(BOOLEAN, "<", str("B"), str("a"))));
        assertEquals(true, eval(bin(BOOLEAN, "<", str("a"), str("ab"))));
        assertEquals(true, eval(bin(BOOLEAN, ">", f("e"), lit(COLOR, "RED")) ) == Boolean.FALSE);
        assertEquals(true, eval(bin(BOOLEAN, "<", str("\uFFFF"), str("😀"))) == Boolean.FALSE);
    }

    @Test
    void strictEqualityFollowsJavaScript() {
        assertEquals(true, eval(bin(BOOLEAN, "===", f("e"), str("GREEN"))));
        assertEquals(false, eval(bin(BOOLEAN, "===", f("e"), lit(COLOR, "RED"))));
        assertEquals(true, eval(bin(BOOLEAN, "!==", f("e"), lit(COLOR, "RED"))));
        assertEquals(true, eval(bin(BOOLEAN, "===", f("i"), num(7))));
        assertEquals(false, eval(bin(BOOLEAN, "===", lit(DOUBLE, Double.NaN), lit(DOUBLE, Double.NaN))));
        assertEquals(true, eval(bin(BOOLEAN, "===", f("os"), lit(NULL, null))));
        assertEquals(false, eval(bin(BOOLEAN, "===", f("s"), lit(NULL, null))));
        assertEquals(true, eval(bin(BOOLEAN, "!==", f("s"), f("os"))));
        assertEquals(true, eval(bin(BOOLEAN, "===", f("od"), f("os"))));
        assertEquals(true, eval(bin(BOOLEAN, "===", f("b"), lit(BOOLEAN, true))));
        assertEquals(false, eval(bin(BOOLEAN, "===", f("inner"), f("inner"))) == Boolean.FALSE);
    }

    // ------------------------------------------------------------------ logical, conditional

    @Test
    void logicalOperatorsYieldAnOperand() {
        assertEquals("", eval(new Logical(STRING, "&&", str(""), str("x"))));
        assertEquals("x", eval(new Logical(STRING, "&&", str("a"), str("x"))));
        assertEquals("a", eval(new Logical(STRING, "||", str("a"), str("b"))));
        assertEquals("b", eval(new Logical(STRING, "||", str(""), str("b"))));
        assertEquals(0.0, eval(new Logical(DOUBLE, "||", num(0), num(0))));
        assertEquals("d", eval(new Logical(STRING, "??", f("os"), str("d"))));
        assertEquals("", eval(new Logical(STRING, "??", lit(OPT_STRING, ""), str("d"))));
        assertEquals("Hello", eval(new Logical(STRING, "??", f("s"), str("d"))));
        assertNull(eval(new Logical(OPT_STRING, "??", f("os"), f("os"))));
    }

    @Test
    void logicalOperatorsShortCircuit() {
        // The right side would be a record error (coerce of NaN) if it were evaluated.
        Expr failing = new Coerce(INT, lit(DOUBLE, Double.NaN));
        assertEquals(0, eval(new Logical(INT, "&&", lit(INT, 0.0), failing)));
        assertEquals(5, eval(new Logical(INT, "||", lit(INT, 5.0), failing)));
        assertEquals(7, eval(new Logical(INT, "??", f("i"), failing)));
        assertEquals("fn.body.fields[0].value.right: cannot convert NaN to int",
                recordError(new Logical(INT, "&&", lit(INT, 1.0), failing), SAMPLE));
    }

    @Test
    void booleanLogicalWithNonBooleanOperandsUsesTheirTruthiness() {
        // o.os && o.os.startsWith("H"): TypeScript's type is "" | boolean | undefined; as boolean
        // only the truthiness of the left operand can matter.
        Expr startsWithH = call(BOOLEAN, "string.startsWith", new Field(STRING, o(), "os", false), str("H"));
        Expr guarded = new Logical(BOOLEAN, "&&", f("os"), startsWithH);
        assertEquals(false, eval(guarded));
        assertEquals(true, eval(guarded, row("a", 1, 1, 1, true, "Hi", null, "RED", null)));
        assertEquals(false, eval(guarded, row("a", 1, 1, 1, true, "hi", null, "RED", null)));
    }

    @Test
    void conditionalUsesTruthiness() {
        Expr e = new Conditional(STRING, f("os"), str("has"), str("none"));
        assertEquals("none", eval(e));
        assertEquals("has", eval(e, row("a", 1, 1, 1, true, "x", null, "RED", null)));
        assertEquals(1.0, eval(new Conditional(DOUBLE, f("d"), num(1), f("i"))));
        assertEquals(7.0, eval(new Conditional(DOUBLE, num(0), num(1), f("i"))));
    }

    // ------------------------------------------------------------------ concat

    @Test
    void concatConvertsLikeJavaScriptString() {
        assertEquals("Hello:7:40:2.5:true:null:GREEN:x,y,z:[object Object]", eval(concat(
                f("s"), str(":"), f("i"), str(":"), f("l"), str(":"), f("d"), str(":"), f("b"), str(":"),
                f("os"), str(":"), f("e"), str(":"), f("arr"), str(":"), f("inner"))));
        assertEquals("1|1.5|1e+21|1e-7|NaN|-Infinity|0|100",
                eval(concat(num(1), str("|"), num(1.5), str("|"), num(1e21), str("|"), num(1e-7), str("|"),
                        lit(DOUBLE, Double.NaN), str("|"), lit(DOUBLE, Double.NEGATIVE_INFINITY), str("|"),
                        num(-0.0), str("|"), num(100))));
        assertEquals("", eval(new Concat(STRING, List.of())));
        assertEquals("at 1700000000000", eval(concat(str("at "), f("ts"))));
    }

    // ------------------------------------------------------------------ calls

    @Test
    void stringMethods() {
        assertEquals(5, eval(call(INT, "string.length", f("s"))));
        assertEquals(2.0, eval(call(DOUBLE, "string.length", str("😀"))));
        assertEquals("HELLO", eval(call(STRING, "string.toUpperCase", f("s"))));
        assertEquals("STRASSE", eval(call(STRING, "string.toUpperCase", str("straße"))));
        assertEquals("hello", eval(call(STRING, "string.toLowerCase", f("s"))));
        assertEquals("i", eval(call(STRING, "string.toLowerCase", str("I"))));
        assertEquals("a b", eval(call(STRING, "string.trim", str("\u00A0 a b\n"))));
        assertEquals(true, eval(call(BOOLEAN, "string.includes", f("s"), str("ell"))));
        assertEquals(false, eval(call(BOOLEAN, "string.includes", f("s"), str("ell"), num(2))));
        assertEquals(true, eval(call(BOOLEAN, "string.startsWith", f("s"), str("He"))));
        assertEquals(true, eval(call(BOOLEAN, "string.startsWith", f("s"), str("llo"), lit(INT, 2.0))));
        assertEquals(true, eval(call(BOOLEAN, "string.endsWith", f("s"), str("lo"))));
        assertEquals(true, eval(call(BOOLEAN, "string.endsWith", f("s"), str("Hell"), num(4))));
        assertEquals(true, eval(call(BOOLEAN, "string.includes", f("e"), str("RE"))));
    }

    @Test
    void arrayLength() {
        assertEquals(3.0, eval(call(DOUBLE, "array.length", f("arr"))));
        assertEquals(3, eval(call(INT, "array.length", f("arr"))));
    }

    // ------------------------------------------------------------------ object, coerce

    @Test
    void objectBuildsANestedRow() {
        RecordType out = new RecordType("Out", List.of(
                new RecordField("id", STRING),
                new RecordField("total", DOUBLE),
                new RecordField("inner", INNER),
                new RecordField("note", OPT_STRING),
                new RecordField("shade", SHADE)));
        Expr body = new ObjectExpr(out, List.of(
                new ObjectField("id", f("s")),
                new ObjectField("total", f("i")),
                new ObjectField("inner", new ObjectExpr(INNER, List.of(new ObjectField("name", str("n"))))),
                new ObjectField("note", lit(OPT_STRING, null)),
                new ObjectField("shade", f("e"))));
        Row row = mapper(body, out).map(SAMPLE);
        assertEquals(Row.of("Hello", 7.0, Row.of("n"), null, "GREEN"), row);
        assertEquals(Double.class, row.getField(1).getClass());
    }

    @Test
    void aStringThatIsNotASymbolOfTheTargetEnumIsARecordError() {
        RecordType out = new RecordType("Out", List.of(new RecordField("shade", SHADE)));
        RowMapper m = mapper(new ObjectExpr(out, List.of(new ObjectField("shade", f("e")))), out);
        assertEquals("fn.body.fields[0].value: 'RED' is not one of GREEN, BLUE", assertThrows(RecordException.class,
                () -> m.map(row("a", 1, 1, 1, true, null, null, "RED", null))).getMessage());
    }

    @Test
    void optionalValueIntoARequiredFieldIsCheckedPerRecord() {
        RecordType out = new RecordType("Out", List.of(new RecordField("v", STRING), new RecordField("n", DOUBLE)));
        RowMapper m = mapper(new ObjectExpr(out, List.of(new ObjectField("v", f("os")), new ObjectField("n", f("od")))), out);
        assertEquals(Row.of("x", 1.5), m.map(row("a", 1, 1, 1, true, "x", 1.5, "RED", null)));
        assertEquals("fn.body.fields[0].value: value is null",
                assertThrows(RecordException.class, () -> m.map(SAMPLE)).getMessage());
        assertEquals("fn.body.fields[1].value: value is null",
                assertThrows(RecordException.class, () -> m.map(row("a", 1, 1, 1, true, "x", null, "RED", null))).getMessage());
    }

    @Test
    void nullLiteralWhereTheTypesPromiseAValueIsRefused() {
        assertEquals(List.of(new ExpressionException.Problem("fn.body.fields[0].value", "null where string is expected")),
                problems(new Logical(STRING, "??", f("os"), lit(NULL, null)), STRING).subList(0, 1));
    }

    @Test
    void coerceTruncatesAndRefusesNonFiniteNumbers() {
        assertEquals(3, eval(new Coerce(INT, num(3.99))));
        assertEquals(-3, eval(new Coerce(INT, num(-3.99))));
        assertEquals(2L, eval(new Coerce(LONG, f("d"))));
        assertEquals(1_700_000_000_000L, eval(new Coerce(TimestampType.INSTANCE, num(1.7e12 + 0.5))));
        assertEquals(7.0, eval(new Coerce(DOUBLE, f("i"))));
        assertEquals("fn.body.fields[0].value: cannot convert NaN to int",
                recordError(new Coerce(INT, bin(DOUBLE, "/", num(0), num(0))), SAMPLE));
        assertEquals("fn.body.fields[0].value: cannot convert Infinity to long",
                recordError(new Coerce(LONG, bin(DOUBLE, "/", num(1), num(0))), SAMPLE));
        assertEquals("fn.body.fields[0].value: 1e+21 is outside the int range",
                recordError(new Coerce(INT, num(1e21)), SAMPLE));
    }

    // ------------------------------------------------------------------ filter

    @Test
    void filterUsesTheTruthinessOfItsBody() {
        RowPredicate p = predicate(new Logical(BOOLEAN, "&&",
                bin(BOOLEAN, "===", f("e"), str("GREEN")), bin(BOOLEAN, ">", f("d"), num(0))));
        assertTrue(p.test(SAMPLE));
        assertFalse(p.test(row("a", 2, 1, 1, true, null, null, "RED", null)));
        assertFalse(p.test(row("a", 0, 1, 1, true, null, null, "GREEN", null)));
    }

    // ------------------------------------------------------------------ generation errors

    @Test
    void typeErrorsAreReportedWithTheirPathsAllAtOnce() {
        Expr body = concat(
                new Field(STRING, o(), "missing", false),
                call(STRING, "string.trim", f("d")),
                new Ref(T, "x"),
                bin(BOOLEAN, "<", f("s"), f("d")),
                lit(COLOR, "BLUE"));
        List<String> messages = problems(body, STRING).stream().map(p -> p.path() + ": " + p.message()).toList();
        assertEquals(List.of(
                "fn.body.fields[0].value.parts[0]: T has no field 'missing'",
                "fn.body.fields[0].value.parts[1]: string.trim called on a value of type double",
                "fn.body.fields[0].value.parts[2]: unknown name 'x' (the function's parameter is 'o')",
                "fn.body.fields[0].value.parts[3]: '<' compares two numbers or two strings, not string and double",
                "fn.body.fields[0].value.parts[4]: \"BLUE\" is not a symbol of Color"), messages);
    }

    @Test
    void narrowingWithoutCoerceIsRefused() {
        assertEquals(List.of(new ExpressionException.Problem("fn.body.fields[0].value",
                "a double where int is expected (narrowing a number needs a coerce)")), problems(f("d"), INT));
        assertEquals(List.of(new ExpressionException.Problem("fn.body.fields[0].value",
                "a value of type string where double is expected")), problems(f("s"), DOUBLE));
    }

    @Test
    void objectFieldsMustMatchTheRecord() {
        RecordType out = new RecordType("Out", List.of(new RecordField("a", STRING), new RecordField("b", STRING)));
        Expr body = new ObjectExpr(out, List.of(new ObjectField("b", str("1")), new ObjectField("a", str("2"))));
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> JavaFunctionGenerator.generateMap("m", new FunctionSpec("o", T, body), out));
        assertEquals(Arrays.asList(
                new ExpressionException.Problem("fn.body.fields[0].name", "field 0 is 'b' but Out declares 'a' there"),
                new ExpressionException.Problem("fn.body.fields[1].name", "field 1 is 'a' but Out declares 'b' there")),
                e.problems());
    }

    @Test
    void generatedSourceIsPositionalJava() {
        GeneratedFunction g = JavaFunctionGenerator.generateFilter("paid.filter",
                new FunctionSpec("o", T, bin(BOOLEAN, ">", f("d"), num(0))));
        assertEquals("dev.tsflink.generated.Filter_paid_filter", g.className());
        assertEquals("""
                package dev.tsflink.generated;

                import dev.tsflink.core.expr.Js;
                import dev.tsflink.core.expr.JsArrays;

                public final class Filter_paid_filter implements dev.tsflink.core.expr.RowPredicate {

                  public boolean test(org.apache.flink.types.Row input) {
                    double v0 = ((Double) input.getField(1)).doubleValue();
                    boolean v1 = v0 > 0.0;
                    return v1;
                  }
                }
                """, g.source());
        assertFalse(g.mayFail(), "no helper that throws is called");
    }
}
