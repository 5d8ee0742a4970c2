package dev.tsflink.core.expr;

import dev.tsflink.core.expr.Expr.Builtin;
import dev.tsflink.core.types.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.call;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.concat;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.eval;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.f;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.lit;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.num;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.problems;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.recordError;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.str;
import static dev.tsflink.core.expr.JavaFunctionGeneratorTest.SAMPLE;
import static dev.tsflink.core.types.PrimitiveType.BOOLEAN;
import static dev.tsflink.core.types.PrimitiveType.DOUBLE;
import static dev.tsflink.core.types.PrimitiveType.INT;
import static dev.tsflink.core.types.PrimitiveType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The newer string methods and the {@code builtin} kind, generated, compiled with Janino and run
 * on {@link JavaFunctionGeneratorTest#SAMPLE} ({@code s: "Hello", d: 2.5, i: 7, l: 40, os: null,
 * od: null}), with the value node gives for the same expression.
 */
class JavaFunctionGeneratorBuiltinsTest {

    static Builtin builtin(DataType type, String name, Expr... args) {
        return new Builtin(type, name, List.of(args));
    }

    @Test
    void newStringMethods() {
        assertEquals("llo", eval(call(STRING, "string.slice", f("s"), num(-3))));
        assertEquals("el", eval(call(STRING, "string.slice", f("s"), num(1), lit(INT, 3.0))));
        assertEquals("ell", eval(call(STRING, "string.substring", f("s"), num(4), num(1))));
        assertEquals("llo", eval(call(STRING, "string.substring", f("s"), f("l"), num(2))));
        assertEquals(2.0, eval(call(DOUBLE, "string.indexOf", f("s"), str("l"))));
        assertEquals("***Hello", eval(call(STRING, "string.padStart", f("s"), num(8), str("*"))));
        assertEquals("Hello  ", eval(call(STRING, "string.padEnd", f("s"), f("i"))));
        assertEquals("HeLlo", eval(call(STRING, "string.replace", f("s"), str("l"), str("L"))));
        assertEquals("HeLLo", eval(call(STRING, "string.replaceAll", f("s"), str("l"), str("L"))));
        assertEquals("e", eval(call(STRING, "string.charAt", f("s"), num(1))));
        assertEquals("---", eval(call(STRING, "string.repeat", str("-"), num(3))));
        assertEquals("x ", eval(call(STRING, "string.trimStart", str(" x "))));
        assertEquals(" x", eval(call(STRING, "string.trimEnd", str(" x "))));
    }

    @Test
    void repeatOfANegativeCountIsARecordErrorAtItsPath() {
        assertEquals("fn.body.fields[0].value: RangeError: Invalid count value: -1",
                recordError(call(STRING, "string.repeat", f("s"), num(-1)), SAMPLE));
    }

    @Test
    void mathFunctions() {
        assertEquals(-2.0, eval(builtin(DOUBLE, "Math.round", num(-2.5))));
        assertEquals(40.0, eval(builtin(DOUBLE, "Math.max", f("d"), f("i"), f("l"))));
        assertEquals(Double.NaN, eval(builtin(DOUBLE, "Math.min", f("d"), num(Double.NaN))));
        assertEquals(6.25, eval(builtin(DOUBLE, "Math.pow", f("d"), num(2))));
        assertEquals(2.718281828459045, eval(builtin(DOUBLE, "Math.exp", num(1))));
        assertEquals(1.9459101490553132, eval(builtin(DOUBLE, "Math.log", f("i"))));
        assertEquals(3.0, eval(builtin(DOUBLE, "Math.sqrt", num(9))));
        assertEquals(2.5, eval(builtin(DOUBLE, "Math.abs", num(-2.5))));
        assertEquals(2.0, eval(builtin(DOUBLE, "Math.floor", f("d"))));
        assertEquals(3.0, eval(builtin(DOUBLE, "Math.ceil", f("d"))));
        assertEquals(-2.0, eval(builtin(DOUBLE, "Math.trunc", num(-2.9))));
        // String(Math.sign(-0)) is "0": -0 stays -0 and prints as 0.
        assertEquals("0", eval(concat(builtin(DOUBLE, "Math.sign", num(-0.0)))));
    }

    @Test
    void conversions() {
        assertEquals(0.0, eval(builtin(DOUBLE, "Number", f("os"))), "Number(null)");
        assertEquals(1.0, eval(builtin(DOUBLE, "Number", f("b"))), "Number(true)");
        assertEquals(26.0, eval(builtin(DOUBLE, "Number", str("0x1A"))));
        assertEquals(7.0, eval(builtin(DOUBLE, "Number", f("i"))));
        assertEquals("2.5", eval(builtin(STRING, "String", f("d"))));
        assertEquals("null", eval(builtin(STRING, "String", f("od"))));
        assertEquals(31.0, eval(builtin(DOUBLE, "parseInt", str("0x1f"))));
        assertEquals(29234652.0, eval(builtin(DOUBLE, "parseInt", f("s"), num(36))));
        assertEquals(0.0005, eval(builtin(DOUBLE, "parseFloat", str(".5e-3x"))));
        assertEquals(false, eval(builtin(BOOLEAN, "Number.isFinite", f("od"))));
        assertEquals(true, eval(builtin(BOOLEAN, "Number.isFinite", f("d"))));
        assertEquals(true, eval(builtin(BOOLEAN, "Number.isInteger", f("i"))));
        assertEquals(false, eval(builtin(BOOLEAN, "Number.isInteger", f("d"))));
    }

    @Test
    void argumentCountsAreChecked() {
        assertEquals("Math.max takes at least 2 argument(s), got 1",
                problems(builtin(DOUBLE, "Math.max", num(1)), DOUBLE).get(0).message());
        assertEquals("string.repeat takes 1 argument(s), got 0",
                problems(call(STRING, "string.repeat", f("s")), STRING).get(0).message());
    }
}
