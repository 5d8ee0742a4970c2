package dev.tsflink.core.expr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The string methods and global functions added for pipelines. Every expected value is what
 * {@code node -e} printed for the same JavaScript expression (shown in each assertion's message
 * where it is not obvious).
 */
class JsBuiltinsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Same double, distinguishing -0 from +0 (assertEquals on doubles already treats NaN as NaN). */
    private static void assertSameNumber(double expected, double actual, String js) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), js);
    }

    @Test
    void sliceCountsNegativeIndicesFromTheEndAndTruncatesFractions() {
        assertEquals("ef", Js.slice("abcdef", -2));
        assertEquals("bcde", Js.slice("abcdef", 1.9, -1.5));
        assertEquals("abc", Js.slice("abcdef", NAN, 3));
        assertEquals("abcdef", Js.slice("abcdef", -INF, INF));
        assertEquals("", Js.slice("abcdef", 4, 2));
    }

    @Test
    void sliceAndLengthCountUtf16CodeUnits() {
        String s = "a\uD83D\uDE00b"; // "a😀b"
        assertEquals(4, s.length());
        assertEquals("\uD83D\uDE00", Js.slice(s, 1, 3));
        assertEquals("\uDE00b", Js.slice(s, 2), "'a😀b'.slice(2) starts with a lone low surrogate");
        assertEquals("\uD83D", Js.charAt("\uD83D\uDE00", 0));
    }

    @Test
    void substringClampsNegativesAndSwapsReversedBounds() {
        assertEquals("bcd", Js.substring("abcdef", 4, 1));
        assertEquals("ab", Js.substring("abcdef", -3, 2));
        assertEquals("abcdef", Js.substring("abcdef", NAN));
        assertEquals("cdef", Js.substring("abcdef", 2.7, 99));
    }

    @Test
    void charAtOutsideTheStringIsEmpty() {
        assertEquals("b", Js.charAt("abc", 1.7));
        assertEquals("", Js.charAt("abc", -1));
        assertEquals("a", Js.charAt("abc", NAN));
        assertEquals("", Js.charAt("abc", 3));
    }

    @Test
    void padCutsTheFillerToTheMissingLength() {
        assertEquals("121abc", Js.padStart("abc", 6, "12", "p"));
        assertEquals("  abc", Js.padStart("abc", 5, " ", "p"));
        assertEquals("abcxyxy", Js.padEnd("abc", 7.9, "xy", "p"));
        assertEquals("abc", Js.padStart("abc", 10, "", "p"));
        assertEquals("abc", Js.padEnd("abc", -1, "x", "p"));
        assertEquals("abc", Js.padStart("abc", NAN, "x", "p"));
        RecordException e = assertThrows(RecordException.class, () -> Js.padStart("abc", INF, "x", "fn.body"));
        assertEquals("fn.body: RangeError: Invalid string length", e.getMessage());
    }

    @Test
    void replaceTakesTheFirstMatchAndReplaceAllEveryOne() {
        assertEquals("baa", Js.replace("aaa", "a", "b"));
        assertEquals("bbb", Js.replaceAll("aaa", "a", "b"));
        assertEquals("bb", Js.replaceAll("aaaa", "aa", "b"));
        assertEquals("-abc", Js.replace("abc", "", "-"));
        assertEquals("-a-b-c-", Js.replaceAll("abc", "", "-"));
        assertEquals("abc", Js.replace("abc", "x", "-"));
    }

    @Test
    void replacementPatternsAreSubstitutedAsJavaScriptDoes() {
        assertEquals("a[-|a|b|$|$1|$<x>|$]b", Js.replace("a-b", "-", "[$&|$`|$'|$$|$1|$<x>|$]"));
        assertEquals("xxyx.yz", Js.replaceAll("x.y.z", ".", "$`"));
    }

    @Test
    void repeatOfANegativeOrInfiniteCountIsARecordError() {
        assertEquals("", Js.repeat("x", 0, "p"));
        assertEquals("abab", Js.repeat("ab", 2.9, "p"));
        assertEquals("", Js.repeat("ab", NAN, "p"));
        assertEquals("", Js.repeat("", 1e9, "p"));
        assertEquals("fn.body: RangeError: Invalid count value: -1",
                assertThrows(RecordException.class, () -> Js.repeat("x", -1, "fn.body")).getMessage());
        assertEquals("fn.body: RangeError: Invalid count value: Infinity",
                assertThrows(RecordException.class, () -> Js.repeat("", INF, "fn.body")).getMessage());
    }

    @Test
    void trimStartAndTrimEndUseJavaScriptWhitespace() {
        assertEquals("x \n", Js.trimStart("\u00A0\t x \n"));
        assertEquals("\u00A0\t x", Js.trimEnd("\u00A0\t x \n\uFEFF"));
    }

    @Test
    void roundGoesHalfwayTowardPositiveInfinity() {
        assertSameNumber(-0.0, Js.round(-0.5), "Object.is(Math.round(-0.5), -0)");
        assertSameNumber(3, Js.round(2.5), "Math.round(2.5)");
        assertSameNumber(-2, Js.round(-2.5), "Math.round(-2.5)");
        assertSameNumber(-3, Js.round(-2.6), "Math.round(-2.6)");
        assertSameNumber(0, Js.round(0.49999999999999994), "Math.round(0.49999999999999994)");
        assertSameNumber(4503599627370497.0, Js.round(4503599627370497.0), "Math.round(2^52 + 1)");
        assertSameNumber(NAN, Js.round(NAN), "Math.round(NaN)");
    }

    @Test
    void truncKeepsTheSignOfZero() {
        assertSameNumber(-0.0, Js.trunc(-0.7), "Object.is(Math.trunc(-0.7), -0)");
        assertSameNumber(2, Js.trunc(2.9), "Math.trunc(2.9)");
    }

    @Test
    void numberReadsStringsAsStringToNumber() {
        assertSameNumber(12, Js.toNumber("  12  "), "Number('  12  ')");
        assertSameNumber(0, Js.toNumber(""), "Number('')");
        assertSameNumber(5, Js.toNumber("0b101"), "Number('0b101')");
        assertSameNumber(26, Js.toNumber("0x1A"), "Number('0x1A')");
        assertSameNumber(1000, Js.toNumber("1e3"), "Number('1e3')");
        assertSameNumber(NAN, Js.toNumber("12px"), "Number('12px')");
        assertSameNumber(Double.NEGATIVE_INFINITY, Js.toNumber("-Infinity"), "Number('-Infinity')");
        assertSameNumber(NAN, Js.toNumber("-0x1"), "Number('-0x1')");
        assertSameNumber(0.5, Js.toNumber(".5"), "Number('.5')");
        assertSameNumber(5, Js.toNumber("5."), "Number('5.')");
    }

    @Test
    void parseIntReadsThePrefixInTheRadix() {
        assertSameNumber(42, Js.parseInt("  42abc"), "parseInt('  42abc')");
        assertSameNumber(31, Js.parseInt("0x1f"), "parseInt('0x1f')");
        assertSameNumber(35, Js.parseInt("z", 36), "parseInt('z', 36)");
        assertSameNumber(-0.0, Js.parseInt("-0"), "Object.is(parseInt('-0'), -0)");
        assertSameNumber(31, Js.parseInt("0x1f", 16), "parseInt('0x1f', 16)");
        assertSameNumber(0, Js.parseInt("0x1f", 10), "parseInt('0x1f', 10)");
        assertSameNumber(NAN, Js.parseInt("12", 1), "parseInt('12', 1)");
        assertSameNumber(NAN, Js.parseInt("12", 37), "parseInt('12', 37)");
        assertSameNumber(NAN, Js.parseInt("ff", NAN), "parseInt('ff', NaN): radix 10");
        assertSameNumber(3, Js.parseInt("11", 2.9), "parseInt('11', 2.9)");
        assertSameNumber(NAN, Js.parseInt("abc"), "parseInt('abc')");
        assertSameNumber(-12, Js.parseInt("-12.9"), "parseInt('-12.9')");
        assertSameNumber(10, Js.parseInt("10", 4294967306.0), "parseInt('10', 4294967306): the radix is ToInt32");
    }

    @Test
    void parseFloatReadsTheLongestDecimalPrefix() {
        assertSameNumber(0.0005, Js.parseFloat(".5e-3x"), "parseFloat('.5e-3x')");
        assertSameNumber(Double.NEGATIVE_INFINITY, Js.parseFloat("-Infinityx"), "parseFloat('-Infinityx')");
        assertSameNumber(1, Js.parseFloat("1e"), "parseFloat('1e')");
        assertSameNumber(100000, Js.parseFloat("1.e5"), "parseFloat('1.e5')");
        assertSameNumber(NAN, Js.parseFloat("."), "parseFloat('.')");
        assertSameNumber(-0.5, Js.parseFloat("  -.5"), "parseFloat('  -.5')");
        assertSameNumber(NAN, Js.parseFloat("e5"), "parseFloat('e5')");
        assertSameNumber(150, Js.parseFloat("1.5e+2.3"), "parseFloat('1.5e+2.3')");
    }

    @Test
    void isFiniteAndIsIntegerAreFalseForAnythingButFiniteNumbers() {
        assertFalse(Js.isFinite(INF));
        assertFalse(Js.isFinite(NAN));
        assertFalse(Js.isFinite(null));
        assertTrue(Js.isFinite(2.0));
        assertTrue(Js.isInteger(5.0));
        assertFalse(Js.isInteger(5.5));
        assertFalse(Js.isInteger(INF));
        assertFalse(Js.isInteger(null));
    }
}
