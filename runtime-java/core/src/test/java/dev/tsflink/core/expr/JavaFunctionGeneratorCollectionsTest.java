package dev.tsflink.core.expr;

import dev.tsflink.core.expr.Expr.Call;
import dev.tsflink.core.expr.Expr.Field;
import dev.tsflink.core.expr.Expr.Index;
import dev.tsflink.core.expr.Expr.Lambda;
import dev.tsflink.core.expr.Expr.Let;
import dev.tsflink.core.expr.Expr.Literal;
import dev.tsflink.core.expr.Expr.ObjectExpr;
import dev.tsflink.core.expr.Expr.ObjectField;
import dev.tsflink.core.expr.Expr.Param;
import dev.tsflink.core.expr.Expr.Ref;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import static dev.tsflink.core.types.PrimitiveType.BOOLEAN;
import static dev.tsflink.core.types.PrimitiveType.DOUBLE;
import static dev.tsflink.core.types.PrimitiveType.INT;
import static dev.tsflink.core.types.PrimitiveType.STRING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code let}, {@code lambda}, {@code index} and the array and map methods, generated, compiled
 * with Janino and run on {@code nums: [3, -0, NaN, 1.5, 2], strs: ["a", null, "b"],
 * m: {b: 2, a: 1}, n: 2}. Every expected value is what {@code node -e} printed for the same
 * JavaScript expression, shown in the assertion's message.
 */
class JavaFunctionGeneratorCollectionsTest {

    static final ArrayType NUMS = new ArrayType(DOUBLE);
    static final ArrayType STRS = new ArrayType(new NullableType(STRING));
    static final MapType M = new MapType(DOUBLE);
    static final RecordType R = new RecordType("R", List.of(
            new RecordField("nums", NUMS),
            new RecordField("strs", STRS),
            new RecordField("m", M),
            new RecordField("n", DOUBLE)));

    static Row sample() {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        m.put("b", 2.0);
        m.put("a", 1.0);
        return Row.of(new Double[] {3.0, -0.0, Double.NaN, 1.5, 2.0}, new String[] {"a", null, "b"}, m, 2.0);
    }

    static Field f(String name) {
        return new Field(R.fields().get(R.indexOf(name)).type(), new Ref(R, "o"), name, false);
    }

    static Ref ref(DataType type, String name) {
        return new Ref(type, name);
    }

    static Literal num(double d) {
        return new Literal(DOUBLE, d);
    }

    static Literal str(String s) {
        return new Literal(STRING, s);
    }

    static Call call(DataType type, String method, Expr target, Expr... args) {
        return new Call(type, method, target, List.of(args));
    }

    static Lambda lambda(DataType type, Expr body, Param... params) {
        return new Lambda(type, List.of(params), body);
    }

    static Param p(String name, DataType type) {
        return new Param(name, type);
    }

    static Expr join(Expr array) {
        return call(STRING, "array.join", array);
    }

    static Object eval(Expr body) {
        RecordType out = new RecordType("Out", List.of(new RecordField("v", body.type())));
        GeneratedFunction g = JavaFunctionGenerator.generateMap(
                "collections", new FunctionSpec("o", R, new ObjectExpr(out, List.of(new ObjectField("v", body)))), out);
        RowMapper mapper = FunctionCompiler.compile(g, RowMapper.class, JavaFunctionGeneratorCollectionsTest.class.getClassLoader());
        return mapper.map(sample()).getField(0);
    }

    @Test
    void includesIsSameValueZeroAndIndexOfIsStrict() {
        assertEquals(true, eval(call(BOOLEAN, "array.includes", f("nums"), num(Double.NaN))), "nums.includes(NaN)");
        assertEquals(true, eval(call(BOOLEAN, "array.includes", f("nums"), num(0))), "nums.includes(0)");
        assertEquals(-1, eval(call(INT, "array.indexOf", f("nums"), num(Double.NaN))), "nums.indexOf(NaN)");
        assertEquals(1, eval(call(INT, "array.indexOf", f("nums"), num(0))), "nums.indexOf(0)");
        assertEquals(false, eval(call(BOOLEAN, "array.includes", f("nums"), num(3), num(1))), "nums.includes(3, 1)");
        assertEquals(4, eval(call(INT, "array.indexOf", f("nums"), num(2), num(-1))), "nums.indexOf(2, -1)");
        assertEquals(true, eval(call(BOOLEAN, "array.includes", f("strs"), new Literal(new NullableType(STRING), null))),
                "strs.includes(null)");
    }

    @Test
    void sliceClampsAndKeepsTheArrayClass() {
        assertEquals("0,NaN,1.5", eval(join(call(NUMS, "array.slice", f("nums"), num(1), num(-1)))), "nums.slice(1, -1).join()");
        assertEquals("1.5,2", eval(join(call(NUMS, "array.slice", f("nums"), num(-2)))), "nums.slice(-2).join()");
        assertEquals("0", eval(join(call(NUMS, "array.slice", f("nums"), num(1.7), num(2.9)))), "nums.slice(1.7, 2.9).join()");
        Object empty = eval(call(NUMS, "array.slice", f("nums"), num(10)));
        assertSame(Double[].class, empty.getClass());
        assertEquals(0, ((Object[]) empty).length, "nums.slice(10).length");
        assertSame(Double[].class, eval(call(NUMS, "array.slice", f("nums"))).getClass());
    }

    @Test
    void joinWritesNullItemsAsEmpty() {
        assertEquals("a--b", eval(call(STRING, "array.join", f("strs"), str("-"))), "strs.join('-')");
        assertEquals("a,,b", eval(join(f("strs"))), "strs.join()");
    }

    @Test
    void mapPassesTheIndexAndCapturesEnclosingNames() {
        Expr body = new Expr.Binary(DOUBLE, "+", new Expr.Binary(DOUBLE, "*", ref(DOUBLE, "x"), ref(INT, "i")), f("n"));
        Expr mapped = call(NUMS, "array.map", f("nums"), lambda(DOUBLE, body, p("x", DOUBLE), p("i", INT)));
        assertEquals("2,2,NaN,6.5,10", eval(join(mapped)), "nums.map((x, i) => x * i + o.n).join()");
        assertSame(Double[].class, eval(mapped).getClass());
    }

    @Test
    void mapToRecordsBuildsARowArray() {
        RecordType item = new RecordType("Item", List.of(new RecordField("s", STRING)));
        Expr toItem = new ObjectExpr(item, List.of(new ObjectField("s",
                new Expr.Logical(STRING, "??", ref(new NullableType(STRING), "s"), str("?")))));
        Object rows = eval(call(new ArrayType(item), "array.map", f("strs"), lambda(item, toItem, p("s", new NullableType(STRING)))));
        assertSame(Row[].class, rows.getClass());
        assertArrayEquals(new Row[] {Row.of("a"), Row.of("?"), Row.of("b")}, (Row[]) rows);
    }

    @Test
    void filterSomeEvery() {
        Expr gt1 = lambda(BOOLEAN, new Expr.Binary(BOOLEAN, ">", ref(DOUBLE, "x"), num(1)), p("x", DOUBLE));
        Object filtered = eval(call(NUMS, "array.filter", f("nums"), gt1));
        assertSame(Double[].class, filtered.getClass());
        assertEquals("3,1.5,2", String.join(",", Arrays.stream((Object[]) filtered).map(Js::str).toList()), "nums.filter(x => x > 1)");
        Expr notSelf = lambda(BOOLEAN, new Expr.Binary(BOOLEAN, "!==", ref(DOUBLE, "x"), ref(DOUBLE, "x")), p("x", DOUBLE));
        assertEquals(true, eval(call(BOOLEAN, "array.some", f("nums"), notSelf)), "nums.some(x => x !== x)");
        Expr gtMinus1 = lambda(BOOLEAN, new Expr.Binary(BOOLEAN, ">", ref(DOUBLE, "x"), num(-1)), p("x", DOUBLE));
        assertEquals(false, eval(call(BOOLEAN, "array.every", f("nums"), gtMinus1)), "nums.every(x => x > -1)");
        assertEquals(true, eval(call(BOOLEAN, "array.every", call(NUMS, "array.slice", f("nums"), num(5)), gtMinus1)),
                "[].every(...)");
    }

    @Test
    void reduceStartsFromTheInitialValue() {
        Expr sum = lambda(DOUBLE, new Expr.Binary(DOUBLE, "+", ref(DOUBLE, "a"), ref(DOUBLE, "x")), p("a", DOUBLE), p("x", DOUBLE));
        assertEquals(Double.NaN, eval(call(DOUBLE, "array.reduce", f("nums"), sum, num(0))), "nums.reduce((a, x) => a + x, 0)");
        DataType optString = new NullableType(STRING);
        Expr concat = lambda(STRING, new Expr.Concat(STRING, List.of(ref(STRING, "a"), ref(INT, "i"),
                new Expr.Logical(STRING, "??", ref(optString, "s"), str("?")))), p("a", STRING), p("s", optString), p("i", INT));
        assertEquals("0a1?2b", eval(call(STRING, "array.reduce", f("strs"), concat, str(""))),
                "strs.reduce((a, s, i) => a + i + (s ?? '?'), '')");
    }

    @Test
    void nestedLambdasSeeTheOuterParameter() {
        DataType optString = new NullableType(STRING);
        Expr inner = lambda(BOOLEAN, new Expr.Logical(BOOLEAN, "&&",
                new Expr.Binary(BOOLEAN, "!==", ref(optString, "s"), new Literal(new NullableType(STRING), null)),
                new Expr.Binary(BOOLEAN, ">", ref(DOUBLE, "x"), num(2))), p("s", optString));
        Expr count = call(INT, "array.length", call(STRS, "array.filter", f("strs"), inner));
        Expr outer = call(new ArrayType(INT), "array.map", f("nums"), lambda(INT, count, p("x", DOUBLE)));
        assertEquals("2,0,0,0,0", eval(join(outer)), "nums.map(x => strs.filter(s => s !== null && x > 2).length).join()");
    }

    @Test
    void indexReadsArraysAndMapsAndGivesNullWhenAbsent() {
        DataType optDouble = new NullableType(DOUBLE);
        assertNull(eval(new Index(optDouble, f("nums"), num(1.5))), "nums[1.5]");
        assertEquals(2.0, eval(new Index(optDouble, f("nums"), num(4))), "nums[4]");
        assertNull(eval(new Index(optDouble, f("nums"), num(5))), "nums[5]");
        assertNull(eval(new Index(optDouble, f("nums"), num(-1))), "nums[-1]");
        assertEquals(1.0, eval(new Index(optDouble, f("m"), str("a"))), "m['a']");
        assertNull(eval(new Index(optDouble, f("m"), str("zz"))), "m['zz']");
        assertEquals("fn.body.fields[0].value: value is null",
                assertThrows(RecordException.class, () -> eval(new Index(DOUBLE, f("nums"), num(9)))).getMessage());
    }

    @Test
    void mapHasAndKeysInInsertionOrder() {
        assertEquals(true, eval(call(BOOLEAN, "map.has", f("m"), str("b"))), "'b' in m");
        assertEquals(false, eval(call(BOOLEAN, "map.has", f("m"), str("c"))), "'c' in m");
        Object keys = eval(call(new ArrayType(STRING), "map.keys", f("m")));
        assertArrayEquals(new String[] {"b", "a"}, (String[]) keys, "Object.keys(m)");
    }

    @Test
    void mapKeysFollowJavaScriptPropertyOrder() {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (String k : List.of("b", "10", "a", "2", "01", "4294967295", "4294967294")) {
            m.put(k, 1.0);
        }
        assertArrayEquals(new String[] {"2", "10", "4294967294", "b", "a", "01", "4294967295"}, JsArrays.keys(m),
                "Object.keys({b, 10, a, 2, 01, 4294967295, 4294967294})");
    }

    @Test
    void anIntegralDoubleLiteralFitsAnIntPlaceAndSameShapedRecordsAreOneType() {
        DataType optInt = new NullableType(INT);
        assertEquals(0, eval(new Expr.Logical(INT, "??", new Expr.Conditional(optInt, new Literal(BOOLEAN, false),
                new Literal(optInt, null), new Literal(optInt, null)), num(0))), "(false ? null : null) ?? 0 typed int");
        RecordType a = new RecordType("A", List.of(new RecordField("s", STRING)));
        RecordType b = new RecordType("B", List.of(new RecordField("s", STRING)));
        assertEquals(Row.of("x"), eval(new Expr.Conditional(b, new Literal(BOOLEAN, true),
                new ObjectExpr(a, List.of(new ObjectField("s", str("x")))), new ObjectExpr(b, List.of(new ObjectField("s", str("y")))))));
        assertEquals(false, JavaFunctionGenerator.sameShape(a, new RecordType("C", List.of(new RecordField("t", STRING)))));
        assertEquals(false, JavaFunctionGenerator.sameShape(new RecordType("D", List.of(new RecordField("s", INT))),
                new RecordType("E", List.of(new RecordField("s", DOUBLE)))));
    }

    @Test
    void recordsAndArraysWidenFieldByField() {
        RecordType narrow = new RecordType("Narrow", List.of(new RecordField("s", STRING), new RecordField("n", INT)));
        RecordType wide = new RecordType("Wide", List.of(new RecordField("s", STRING), new RecordField("n", DOUBLE)));
        Expr body = new ObjectExpr(narrow, List.of(new ObjectField("s", str("x")), new ObjectField("n", new Literal(INT, 7.0))));
        // o.nums.map(x => ({s: "x", n: x as Int})) where the place expects Wide[]: each row is rebuilt with n a double.
        Expr mapped = call(new ArrayType(narrow), "array.map", f("nums"), lambda(narrow,
                new ObjectExpr(narrow, List.of(new ObjectField("s", str("x")), new ObjectField("n", new Expr.Coerce(INT, num(3))))),
                p("x", DOUBLE)));
        Object rows = evalAs(mapped, new ArrayType(wide));
        assertSame(Row[].class, rows.getClass());
        assertEquals(Row.of("x", 3.0), ((Row[]) rows)[0]);
        assertEquals(Row.of("x", 7.0), evalAs(body, wide));
        assertEquals(true, JavaFunctionGenerator.widens(narrow, wide));
        assertEquals(false, JavaFunctionGenerator.widens(wide, narrow));
    }

    /** Runs {@code body} as the only field of a map's output record, whose field has type {@code place}. */
    static Object evalAs(Expr body, DataType place) {
        RecordType out = new RecordType("Out", List.of(new RecordField("v", place)));
        GeneratedFunction g = JavaFunctionGenerator.generateMap(
                "collections", new FunctionSpec("o", R, new ObjectExpr(out, List.of(new ObjectField("v", body)))), out);
        RowMapper mapper = FunctionCompiler.compile(g, RowMapper.class, JavaFunctionGeneratorCollectionsTest.class.getClassLoader());
        return mapper.map(sample()).getField(0);
    }

    @Test
    void letBindsForItsBodyAndInnerNamesHideOuterOnes() {
        Expr twice = new Let(DOUBLE, "k", new Expr.Binary(DOUBLE, "*", f("n"), num(2)),
                new Expr.Binary(DOUBLE, "+", ref(DOUBLE, "k"), ref(DOUBLE, "k")));
        assertEquals(8.0, eval(twice), "const k = o.n * 2; k + k");
        Expr shadow = new Let(STRING, "k", str("outer"), new Expr.Concat(STRING, List.of(
                new Let(STRING, "k", str("inner"), ref(STRING, "k")), ref(STRING, "k"))));
        assertEquals("innerouter", eval(shadow));
    }

    @Test
    void splitKeepsEmptyFieldsAndReadsTheLimitAsUint32() {
        assertArrayEquals(new String[] {"a", "b", "", "c", ""}, Js.split("a,b,,c,", ","), "'a,b,,c,'.split(',')");
        assertArrayEquals(new String[] {""}, Js.split("", ","), "''.split(',')");
        assertArrayEquals(new String[] {}, Js.split("", ""), "''.split('')");
        assertArrayEquals(new String[] {"a", "b"}, Js.split("abc", "", 2), "'abc'.split('', 2)");
        assertArrayEquals(new String[] {}, Js.split("a,b", ",", 0), "'a,b'.split(',', 0)");
        assertArrayEquals(new String[] {"a", "b"}, Js.split("a,b", ",", -1), "'a,b'.split(',', -1)");
        assertArrayEquals(new String[] {"a", "\uD83D", "\uDE00"}, Js.split("a\uD83D\uDE00", ""), "'a😀'.split('')");
        assertArrayEquals(new String[] {"a", "b", ""}, Js.split("aXXbXX", "XX"));
        assertArrayEquals(new String[] {"a", "b"}, Js.split("a,b,c", ",", 2.9), "'a,b,c'.split(',', 2.9)");
        // Limits past the long range wrap modulo 2^32 too, as node gives them.
        assertArrayEquals(new String[] {}, Js.split("a,b", ",", 0x1p64), "'a,b'.split(',', 2 ** 64)");
        assertArrayEquals(new String[] {}, Js.split("a,b", ",", 0x1p63), "'a,b'.split(',', 2 ** 63)");
        assertArrayEquals(new String[] {"a"}, Js.split("a,b", ",", 0x1p32 + 1), "'a,b'.split(',', 2 ** 32 + 1)");
        assertArrayEquals(new String[] {"a"}, Js.split("a,b", ",", -0x1p32 + 1), "'a,b'.split(',', -(2 ** 32) + 1)");
        assertArrayEquals(new String[] {"a", "b"}, Js.split("a,b", ",", 1e20), "'a,b'.split(',', 1e20)");
        Object parts = eval(call(new ArrayType(STRING), "string.split", call(STRING, "array.join", f("strs")), str(",")));
        assertArrayEquals(new String[] {"a", "", "b"}, (String[]) parts, "strs.join().split(',')");
    }

    @Test
    void arrayLiteralsHaveTheClassOfTheirType() {
        Object array = eval(new Expr.ArrayLiteral(NUMS, List.of(f("n"), num(-0.0), new Literal(INT, 7.0))));
        assertSame(Double[].class, array.getClass());
        assertEquals("2,0,7", Js.str(array), "[o.n, -0, 7].join()");
        Object nested = eval(new Expr.ArrayLiteral(new ArrayType(STRS), List.of(f("strs"), new Expr.ArrayLiteral(STRS, List.of()))));
        assertSame(String[][].class, nested.getClass());
        assertEquals("a,,b,", Js.str(nested), "String([o.strs, []])");
    }

    @Test
    void problemsNameThePath() {
        RecordType out = new RecordType("Out", List.of(new RecordField("v", DOUBLE)));
        ExpressionException e = assertThrows(ExpressionException.class, () -> JavaFunctionGenerator.generateMap("p",
                new FunctionSpec("o", R, new ObjectExpr(out, List.of(new ObjectField("v",
                        call(DOUBLE, "array.reduce", f("nums"), num(1), num(0)))))), out));
        assertEquals("fn.body.fields[0].value.args[0]: array.reduce takes a lambda here", e.getMessage());
        ExpressionException unknown = assertThrows(ExpressionException.class, () -> JavaFunctionGenerator.generateMap("p",
                new FunctionSpec("o", R, new ObjectExpr(out, List.of(new ObjectField("v",
                        new Let(DOUBLE, "k", num(1), ref(DOUBLE, "q")))))), out));
        assertEquals("fn.body.fields[0].value.body: unknown name 'q' (the function's parameter is 'o'; other names in scope: k)",
                unknown.getMessage());
    }
}
