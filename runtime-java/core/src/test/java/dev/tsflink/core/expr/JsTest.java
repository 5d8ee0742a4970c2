package dev.tsflink.core.expr;

import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JavaScript semantics, with the outputs node prints for the same inputs. */
class JsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "-0.0|0",
        "1|1",
        "-1|-1",
        "1.5|1.5",
        "0.1|0.1",
        "0.30000000000000004|0.30000000000000004",
        "100|100",
        "123.456|123.456",
        "4.35|4.35",
        "0.3333333333333333|0.3333333333333333",
        "1e20|100000000000000000000",
        "1e21|1e+21",
        "123456789012345678901|123456789012345680000",
        "9007199254740992|9007199254740992",
        "1152921504606846976|1152921504606847000",
        "2.82879384806159E17|282879384806159000",
        "1.2345e25|1.2345e+25",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "0.000001|0.000001",
        "0.000001234|0.000001234",
        "1e-7|1e-7",
        "-1e-7|-1e-7",
        "1.5e-7|1.5e-7",
        "2e-3|0.002",
        "5e-324|5e-324",
        "-123456.789|-123456.789",
    })
    void numberToStringPrintsAsJavaScriptDoes(double value, String expected) {
        assertEquals(expected, Js.numberToString(value));
    }

    @Test
    void nonFiniteNumbersPrintByName() {
        assertEquals("NaN", Js.numberToString(Double.NaN));
        assertEquals("Infinity", Js.numberToString(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Js.numberToString(Double.NEGATIVE_INFINITY));
    }

    @Test
    void stringOfEveryKindOfValue() {
        assertEquals("null", Js.str((Object) null));
        assertEquals("null", Js.str((String) null));
        assertEquals("true", Js.str(true));
        assertEquals("false", Js.str(Boolean.FALSE));
        assertEquals("7", Js.str(7));
        assertEquals("7", Js.str(Integer.valueOf(7)));
        assertEquals("1e+21", Js.str(Double.valueOf(1e21)));
        // Longs are JavaScript numbers: beyond 2^53 they print as the double they become.
        assertEquals("1700000000000", Js.str(1_700_000_000_000L));
        assertEquals("9007199254740992", Js.str(9_007_199_254_740_993L));
        assertEquals("a,,1.5", Js.str((Object) new Object[] {"a", null, 1.5}));
        assertEquals("[object Object]", Js.str((Object) Row.of("x")));
    }

    @Test
    void truthiness() {
        assertFalse(Js.truthy(0.0));
        assertFalse(Js.truthy(-0.0));
        assertFalse(Js.truthy(Double.NaN));
        assertTrue(Js.truthy(0.5));
        assertFalse(Js.truthy(0));
        assertTrue(Js.truthy(-1L));
        assertFalse(Js.truthy((Object) ""));
        assertTrue(Js.truthy((Object) " "));
        assertFalse(Js.truthy((Object) null));
        assertFalse(Js.truthy((Object) Boolean.FALSE));
        assertFalse(Js.truthy((Object) Double.valueOf(Double.NaN)));
        assertTrue(Js.truthy((Object) new Object[0]));
        assertTrue(Js.truthy((Object) Row.of()));
    }

    @Test
    void strictEquality() {
        assertTrue(Js.strictEquals(null, null));
        assertFalse(Js.strictEquals(null, "null"));
        assertFalse(Js.strictEquals(Double.NaN, Double.NaN));
        assertTrue(Js.strictEquals(1, 1.0));
        assertTrue(Js.strictEquals(0.0, -0.0));
        assertTrue(Js.strictEquals(3L, 3));
        assertFalse(Js.strictEquals("1", 1));
        assertTrue(Js.strictEquals("PAID", new String("PAID")));
        assertTrue(Js.strictEquals(true, Boolean.TRUE));
        Row row = Row.of(1);
        assertTrue(Js.strictEquals(row, row));
        assertFalse(Js.strictEquals(row, Row.of(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'  12  '|12",
        "''|0",
        "'   '|0",
        "'1e3'|1000",
        "'-1.5'|-1.5",
        "'.5'|0.5",
        "'5.'|5",
        "'0x1F'|31",
        "'0o17'|15",
        "'0b101'|5",
        "'-Infinity'|-Infinity",
        "'\u00a012\u2028'|12",
    })
    void toNumberReadsJavaScriptNumericStrings(String s, double expected) {
        assertEquals(expected, Js.toNumber(s));
    }

    @ParameterizedTest
    @CsvSource({"abc", "1d", "1f", "NaN", "0x", "-0x10", "1e", "0x1p3", "1_000"})
    void toNumberRefusesWhatJavaScriptRefuses(String s) {
        assertTrue(Double.isNaN(Js.toNumber(s)), s);
    }

    @Test
    void toNumberOfOtherValues() {
        assertEquals(0, Js.toNumber((Object) null));
        assertEquals(1, Js.toNumber(true));
        assertEquals(0, Js.toNumber((Object) Boolean.FALSE));
        assertEquals(0, Js.toNumber((Object) new Object[0]));
        assertEquals(7, Js.toNumber((Object) new Object[] {"7"}));
        assertTrue(Double.isNaN(Js.toNumber((Object) Row.of())));
    }

    @Test
    void coercionTruncatesTowardZeroAndRefusesWhatDoesNotFit() {
        assertEquals(3, Js.toInt(3.99, "x"));
        assertEquals(-3, Js.toInt(-3.99, "x"));
        assertEquals(Integer.MAX_VALUE, Js.toInt(2147483647.5, "x"));
        assertEquals(-9_007_199_254_740_992L, Js.toLong(-9007199254740992.0, "x"));
        assertEquals("fn.body: cannot convert NaN to int",
                assertThrows(RecordException.class, () -> Js.toInt(Double.NaN, "fn.body")).getMessage());
        assertEquals("fn.body: cannot convert Infinity to long",
                assertThrows(RecordException.class, () -> Js.toLong(Double.POSITIVE_INFINITY, "fn.body")).getMessage());
        assertEquals("at: 3000000000 is outside the int range",
                assertThrows(RecordException.class, () -> Js.toInt(3e9, "at")).getMessage());
        assertEquals("at: 9223372036854776000 is outside the long range",
                assertThrows(RecordException.class, () -> Js.toLong(9.223372036854775807E18, "at")).getMessage());
    }

    @Test
    void trimRemovesJavaScriptWhitespaceOnly() {
        assertEquals("a b", Js.trim("\t\n\u000B\f\r \u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000\uFEFFa b \u00A0"));
        // U+0001 is whitespace to Java's trim() but not to JavaScript.
        assertEquals("\u0001x\u0001", Js.trim("\u0001x\u0001"));
        // U+200B (zero-width space) is not whitespace in JavaScript.
        assertEquals("\u200Bx", Js.trim(" \u200Bx "));
    }

    @Test
    void searchMethodsClampTheirPositions() {
        assertTrue(Js.includes("hello", "ll"));
        assertFalse(Js.includes("hello", "ll", 3));
        assertTrue(Js.includes("hello", "ll", -5));
        assertTrue(Js.includes("hello", "", 99));
        assertTrue(Js.includes("hello", "h", Double.NaN));
        assertTrue(Js.startsWith("hello", "he"));
        assertTrue(Js.startsWith("hello", "ll", 2.9));
        assertFalse(Js.startsWith("hello", "he", 1));
        assertTrue(Js.endsWith("hello", "lo"));
        assertTrue(Js.endsWith("hello", "ell", 4));
        assertFalse(Js.endsWith("hello", "hello", 4));
        assertTrue(Js.endsWith("hello", "hello", Double.POSITIVE_INFINITY));
        assertFalse(Js.endsWith("hi", "hello", 2));
    }

    @Test
    void requiredAndSymbolChecksNameTheirPlace() {
        assertEquals("fn.body.target: value is null",
                assertThrows(RecordException.class, () -> Js.required(null, "fn.body.target")).getMessage());
        assertEquals(1.5, Js.unboxDouble(1.5, "x"));
        assertEquals("GREEN", Js.symbol("GREEN", new String[] {"RED", "GREEN"}, "x"));
        assertEquals("fn.body: 'BLUE' is not one of RED, GREEN",
                assertThrows(RecordException.class, () -> Js.symbol("BLUE", new String[] {"RED", "GREEN"}, "fn.body")).getMessage());
    }
}
