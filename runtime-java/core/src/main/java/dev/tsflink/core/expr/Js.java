package dev.tsflink.core.expr;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.ULocale;
import org.apache.flink.types.Row;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JavaScript semantics for generated code: the pieces where Java and JavaScript differ (number to
 * string, truthiness, strict equality, string-to-number, trimming, coercion to integers). Where
 * Java already behaves like JavaScript the generator uses Java directly and says so.
 *
 * <p>Absent optional values are {@code null} in rows; they behave as JavaScript's {@code null}.
 */
public final class Js {

    private Js() {}

    /** 2^53: integral doubles below this print exactly as their long value. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;

    // ------------------------------------------------------------------ truthiness

    public static boolean truthy(boolean b) {
        return b;
    }

    public static boolean truthy(double d) {
        // 0, -0 and NaN are falsy.
        return d != 0 && !Double.isNaN(d);
    }

    public static boolean truthy(int i) {
        return i != 0;
    }

    public static boolean truthy(long l) {
        return l != 0;
    }

    public static boolean truthy(Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return truthy(n.doubleValue());
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        // Records and arrays are objects: always truthy.
        return true;
    }

    // ------------------------------------------------------------------ String(x)

    public static String str(String s) {
        return s == null ? "null" : s;
    }

    public static String str(double d) {
        return numberToString(d);
    }

    public static String str(int i) {
        return Integer.toString(i);
    }

    /** A long is a JavaScript number: beyond 2^53 it prints as the double it would be. */
    public static String str(long l) {
        return numberToString((double) l);
    }

    public static String str(boolean b) {
        return b ? "true" : "false";
    }

    public static String str(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Integer i) {
            return Integer.toString(i);
        }
        if (o instanceof Number n) {
            return numberToString(n.doubleValue());
        }
        if (o instanceof Boolean b) {
            return str(b.booleanValue());
        }
        if (o instanceof Object[] array) {
            // Array.prototype.toString: items joined by ",", null items as "".
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                if (array[i] != null) {
                    sb.append(str(array[i]));
                }
            }
            return sb.toString();
        }
        if (o instanceof Row) {
            return "[object Object]";
        }
        return o.toString();
    }

    /**
     * JavaScript's Number.prototype.toString(): the shortest decimal that reads back as the same
     * double, written without exponent from 1e-6 up to (not including) 1e21, otherwise as
     * {@code d.ddde+XX} / {@code de-X}.
     */
    public static String numberToString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == 0) {
            return "0"; // also -0
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < EXACT_INTEGER_LIMIT) {
            return Long.toString((long) d);
        }
        boolean negative = d < 0;
        ShortestDigits shortest = shortestDigits(Math.abs(d));
        String digits = shortest.digits();
        int k = digits.length();
        // The value is 0.digits × 10^n.
        int n = shortest.pointPosition();
        StringBuilder sb = new StringBuilder(k + 8);
        if (negative) {
            sb.append('-');
        }
        if (k <= n && n <= 21) {
            sb.append(digits);
            sb.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return sb.toString();
    }

    /** Significant digits without leading or trailing zeros; the value is 0.digits × 10^pointPosition. */
    private record ShortestDigits(String digits, int pointPosition) {}

    /**
     * The fewest significant digits that read back as {@code d} (positive, finite), the closest
     * such decimal when there are several, as JavaScript's Number::toString requires. JDK 17's
     * Double.toString is not always shortest; Jackson's Schubfach (the algorithm of JDK 19's
     * Double.toString) is, and costs a tenth of searching with BigDecimal. Its one difference
     * from JavaScript: it never answers with a single digit when a closer two-digit decimal
     * exists (5e-324 is 4.9E-324 there), so a two-digit answer is checked for a one-digit one.
     */
    private static ShortestDigits shortestDigits(double d) {
        String java = DoubleToDecimal.toString(d);
        int exponentAt = java.indexOf('E');
        String mantissa = exponentAt < 0 ? java : java.substring(0, exponentAt);
        int exponent = exponentAt < 0 ? 0 : Integer.parseInt(java.substring(exponentAt + 1));
        int dot = mantissa.indexOf('.');
        ShortestDigits digits = normalized(mantissa.substring(0, dot) + mantissa.substring(dot + 1), dot + exponent);
        if (digits.digits().length() == 2) {
            BigDecimal oneDigit = new BigDecimal(d).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == d) {
                String unscaled = oneDigit.unscaledValue().toString();
                return normalized(unscaled, unscaled.length() - oneDigit.scale());
            }
        }
        return digits;
    }

    private static ShortestDigits normalized(String digits, int pointPosition) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        int end = digits.length();
        while (end > start + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return new ShortestDigits(digits.substring(start, end), pointPosition - start);
    }

    // ------------------------------------------------------------------ equality

    /** {@code ===}: null equals only null; numbers compare as doubles; objects by identity. */
    public static boolean strictEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }

    // ------------------------------------------------------------------ ToNumber (unary +)

    public static double toNumber(boolean b) {
        return b ? 1 : 0;
    }

    /** StringNumericLiteral, JavaScript's grammar (not Java's: no "1d", no "NaN", no hex floats). */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");

    private static final Pattern NON_DECIMAL = Pattern.compile("0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+");

    public static double toNumber(String s) {
        if (s == null) {
            return 0;
        }
        String t = trim(s);
        if (t.isEmpty()) {
            return 0;
        }
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        if (NON_DECIMAL.matcher(t).matches()) {
            int radix = switch (Character.toLowerCase(t.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            return new java.math.BigInteger(t.substring(2), radix).doubleValue();
        }
        return Double.NaN;
    }

    public static double toNumber(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Boolean b) {
            return toNumber(b.booleanValue());
        }
        if (o instanceof String s) {
            return toNumber(s);
        }
        if (o instanceof Object[] array) {
            // [] -> 0, [x] -> ToNumber(String(x)), longer -> NaN.
            return array.length == 0 ? 0 : array.length == 1 ? toNumber(str(array)) : Double.NaN;
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------ coercion to integers

    public static int toInt(double d, String where) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new RecordException(where + ": cannot convert " + numberToString(d) + " to int");
        }
        double t = d < 0 ? Math.ceil(d) : Math.floor(d);
        if (t < Integer.MIN_VALUE || t > Integer.MAX_VALUE) {
            throw new RecordException(where + ": " + numberToString(d) + " is outside the int range");
        }
        return (int) t;
    }

    public static long toLong(double d, String where) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new RecordException(where + ": cannot convert " + numberToString(d) + " to long");
        }
        double t = d < 0 ? Math.ceil(d) : Math.floor(d);
        // 2^63 is exactly representable; every double below it fits in a long.
        if (t < -9.223372036854775808E18 || t >= 9.223372036854775808E18) {
            throw new RecordException(where + ": " + numberToString(d) + " is outside the long range");
        }
        return (long) t;
    }

    /** A number as a key: {@code ===} makes -0 and 0 one key; NaN equals nothing, so it cannot be one. */
    public static double doubleKey(double d, String where) {
        if (Double.isNaN(d)) {
            throw new RecordException(where + ": NaN cannot be a key");
        }
        return d == 0 ? 0.0 : d;
    }

    // ------------------------------------------------------------------ null checks

    /** A value the types say is present; JavaScript would throw a TypeError on null here. */
    public static Object required(Object o, String where) {
        if (o == null) {
            throw new RecordException(where + ": value is null");
        }
        return o;
    }

    public static double unboxDouble(Double d, String where) {
        return ((Double) required(d, where)).doubleValue();
    }

    public static int unboxInt(Integer i, String where) {
        return ((Integer) required(i, where)).intValue();
    }

    public static long unboxLong(Long l, String where) {
        return ((Long) required(l, where)).longValue();
    }

    public static boolean unboxBoolean(Boolean b, String where) {
        return ((Boolean) required(b, where)).booleanValue();
    }

    /** A string that must be a symbol of an enum, e.g. when a map copies a string into one. */
    public static String symbol(String value, String[] symbols, String where) {
        for (String s : symbols) {
            if (s.equals(value)) {
                return s;
            }
        }
        throw new RecordException(where + ": '" + value + "' is not one of " + String.join(", ", symbols));
    }

    // ------------------------------------------------------------------ string methods

    /**
     * String.prototype.toUpperCase: V8 maps with ICU's root-locale full case mapping, so ICU4J
     * pinned to Node's ICU gives the same result for every code point; the JDK's own tables lag
     * (Unicode 13 on JDK 17). ASCII maps the same under every Unicode version.
     */
    public static String toUpperCase(String s) {
        return isAscii(s) ? s.toUpperCase(Locale.ROOT) : UCharacter.toUpperCase(ULocale.ROOT, s);
    }

    /** String.prototype.toLowerCase, as {@link #toUpperCase} (final sigma included). */
    public static String toLowerCase(String s) {
        return isAscii(s) ? s.toLowerCase(Locale.ROOT) : UCharacter.toLowerCase(ULocale.ROOT, s);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** JavaScript's WhiteSpace and LineTerminator; Java's trim() and strip() use other sets. */
    private static boolean isJsWhitespace(char c) {
        switch (c) {
            case '\t':
            case '\n':
            case '\u000B':
            case '\f':
            case '\r':
            case ' ':
            case '\u00A0':
            case '\u1680':
            case '\u2028':
            case '\u2029':
            case '\u202F':
            case '\u205F':
            case '\u3000':
            case '\uFEFF':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }

    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** ToIntegerOrInfinity, clamped to [0, length]: how the position arguments are read. */
    private static int position(double pos, int length) {
        if (Double.isNaN(pos) || pos <= 0) {
            return 0;
        }
        return pos >= length ? length : (int) pos;
    }

    public static boolean includes(String s, String search) {
        return s.contains(search);
    }

    public static boolean includes(String s, String search, double position) {
        return s.indexOf(search, position(position, s.length())) >= 0;
    }

    public static boolean startsWith(String s, String search) {
        return s.startsWith(search);
    }

    public static boolean startsWith(String s, String search, double position) {
        return s.startsWith(search, position(position, s.length()));
    }

    public static boolean endsWith(String s, String search) {
        return s.endsWith(search);
    }

    public static boolean endsWith(String s, String search, double endPosition) {
        int start = position(endPosition, s.length()) - search.length();
        return start >= 0 && s.startsWith(search, start);
    }

    public static String trimStart(String s) {
        int start = 0;
        while (start < s.length() && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    public static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** ToIntegerOrInfinity: NaN is 0, fractions truncate toward zero, infinities stay. */
    static double toIntegerOrInfinity(double d) {
        if (Double.isNaN(d)) {
            return 0;
        }
        // + 0.0 turns -0 into +0, as the spec's result is a mathematical integer.
        return (d < 0 ? Math.ceil(d) : Math.floor(d)) + 0.0;
    }

    /** A relative index as slice reads it: negative counts from the end, then clamped to [0, length]. */
    private static int relative(double index, int length) {
        double i = toIntegerOrInfinity(index);
        if (i < 0) {
            return (int) Math.max(length + i, 0);
        }
        return (int) Math.min(i, length);
    }

    public static String slice(String s, double start) {
        return s.substring(relative(start, s.length()));
    }

    public static String slice(String s, double start, double end) {
        int from = relative(start, s.length());
        int to = relative(end, s.length());
        return from >= to ? "" : s.substring(from, to);
    }

    public static String substring(String s, double start) {
        return s.substring(position(start, s.length()));
    }

    /** substring clamps negatives to 0 (no counting from the end) and swaps reversed bounds. */
    public static String substring(String s, double start, double end) {
        int a = position(start, s.length());
        int b = position(end, s.length());
        return s.substring(Math.min(a, b), Math.max(a, b));
    }

    public static String charAt(String s, double pos) {
        double i = toIntegerOrInfinity(pos);
        return i < 0 || i >= s.length() ? "" : String.valueOf(s.charAt((int) i));
    }

    /** V8's longest string, (1 << 29) - 24 code units; beyond it JavaScript throws a RangeError. */
    static final int MAX_STRING_LENGTH = (1 << 29) - 24;

    private static void checkLength(double length, String where) {
        if (length > MAX_STRING_LENGTH) {
            throw new RecordException(where + ": RangeError: Invalid string length");
        }
    }

    public static String repeat(String s, double count, String where) {
        double n = toIntegerOrInfinity(count);
        if (n < 0 || n == Double.POSITIVE_INFINITY) {
            throw new RecordException(where + ": RangeError: Invalid count value: " + numberToString(count));
        }
        if (s.isEmpty() || n == 0) {
            return "";
        }
        checkLength(s.length() * n, where);
        return s.repeat((int) n);
    }

    public static String padStart(String s, double maxLength, String fill, String where) {
        return s.length() >= toIntegerOrInfinity(maxLength) || fill.isEmpty() ? s : padding(s, maxLength, fill, where) + s;
    }

    public static String padEnd(String s, double maxLength, String fill, String where) {
        return s.length() >= toIntegerOrInfinity(maxLength) || fill.isEmpty() ? s : s + padding(s, maxLength, fill, where);
    }

    /** The filler: {@code fill} repeated and cut to exactly the missing length. */
    private static String padding(String s, double maxLength, String fill, String where) {
        double target = toIntegerOrInfinity(maxLength);
        checkLength(target, where);
        int missing = (int) target - s.length();
        StringBuilder sb = new StringBuilder(missing);
        while (sb.length() < missing) {
            sb.append(fill, 0, Math.min(fill.length(), missing - sb.length()));
        }
        return sb.toString();
    }

    /** {@code s.split(separator)}: no limit (2^32 − 1 in JavaScript). */
    public static String[] split(String s, String separator) {
        return split(s, separator, 4294967295.0);
    }

    /**
     * {@code s.split(separator, limit)} with a string separator: empty fields are kept (Java's
     * String.split drops trailing ones and reads a regular expression); an empty separator splits
     * into UTF-16 code units; the limit is read as ToUint32.
     */
    public static String[] split(String s, String separator, double limit) {
        long lim = toUint32(limit);
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (lim == 0) {
            return new String[0];
        }
        if (separator.isEmpty()) {
            for (int i = 0; i < s.length() && parts.size() < lim; i++) {
                parts.add(String.valueOf(s.charAt(i)));
            }
            return parts.toArray(new String[0]);
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            if (parts.size() == lim) {
                return parts.toArray(new String[0]);
            }
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts.toArray(new String[0]);
    }

    /** {@code s.replace(search, replacement)} with a string pattern: the first match only. */
    public static String replace(String s, String search, String replacement) {
        int at = s.indexOf(search);
        if (at < 0) {
            return s;
        }
        return s.substring(0, at) + substitution(s, search, at, replacement) + s.substring(at + search.length());
    }

    /** {@code s.replaceAll(search, replacement)}: every match; an empty pattern matches between all code units. */
    public static String replaceAll(String s, String search, String replacement) {
        int advance = Math.max(1, search.length());
        StringBuilder sb = new StringBuilder();
        int end = 0;
        int at = s.indexOf(search);
        while (at >= 0) {
            sb.append(s, end, at).append(substitution(s, search, at, replacement));
            end = at + search.length();
            at = at + advance > s.length() ? -1 : s.indexOf(search, at + advance);
        }
        return sb.append(s, end, s.length()).toString();
    }

    /**
     * GetSubstitution for a string pattern (no captures): {@code $$} is "$", {@code $&} the match,
     * {@code $`} the text before it, {@code $'} the text after it; anything else, {@code $1} and
     * {@code $<} included, stays as written.
     */
    private static String substitution(String s, String matched, int position, String replacement) {
        if (replacement.indexOf('$') < 0) {
            return replacement;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            char next = i + 1 < replacement.length() ? replacement.charAt(i + 1) : 0;
            if (c != '$' || (next != '$' && next != '&' && next != '`' && next != '\'')) {
                sb.append(c);
                continue;
            }
            i++;
            switch (next) {
                case '$' -> sb.append('$');
                case '&' -> sb.append(matched);
                case '`' -> sb.append(s, 0, position);
                default -> sb.append(s, Math.min(position + matched.length(), s.length()), s.length());
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ Math and global functions

    /** Math.round: the nearest integer, .5 toward +∞; (-0.5, 0) and -0 give -0. */
    public static double round(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return d;
        }
        if (d < 0 && d >= -0.5) {
            return -0.0;
        }
        // floor(d + 0.5) would round 0.49999999999999994 up; comparing the difference does not.
        double floor = Math.floor(d);
        return d - floor >= 0.5 ? floor + 1 : floor;
    }

    public static double trunc(double d) {
        return d < 0 ? Math.ceil(d) : Math.floor(d);
    }

    public static boolean isFinite(Object o) {
        return o instanceof Number n && Double.isFinite(n.doubleValue());
    }

    public static boolean isInteger(Object o) {
        return isFinite(o) && Math.floor(((Number) o).doubleValue()) == ((Number) o).doubleValue();
    }

    private static int skipWhitespace(String s) {
        int i = 0;
        while (i < s.length() && isJsWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    public static double parseInt(String s) {
        return parseInt(s, 0);
    }

    /** parseInt: the longest prefix of radix digits after whitespace, a sign and (radix 16 or 0) "0x". */
    public static double parseInt(String s, double radix) {
        int i = skipWhitespace(s);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int r = toInt32(radix);
        boolean stripPrefix = true;
        if (r != 0) {
            if (r < 2 || r > 36) {
                return Double.NaN;
            }
            stripPrefix = r == 16;
        } else {
            r = 10;
        }
        if (stripPrefix && s.startsWith("0", i) && i + 1 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            r = 16;
        }
        int end = i;
        while (end < s.length() && Character.digit(s.charAt(end), r) >= 0 && s.charAt(end) < 0x80) {
            end++;
        }
        if (end == i) {
            return Double.NaN;
        }
        // BigInteger.doubleValue rounds correctly, as JavaScript must for radix 10 and powers of 2;
        // for the other radixes the specification allows an approximation, and V8 has its own.
        double value = r == 10 || Integer.bitCount(r) == 1
                ? new java.math.BigInteger(s.substring(i, end), r).doubleValue()
                : digitsInChunks(s, i, end, r);
        return negative ? -value : value;
    }

    /** The largest multiplier (radix^digits) of one chunk: part and multiplier then fit in 32 bits. */
    private static final long CHUNK_MULTIPLIER_LIMIT = 0xFFFFFFFFL / 36;

    /**
     * V8's value of the digits {@code s[from, to)} in a radix neither 10 nor a power of 2: the
     * digits from the first non-zero one in chunks as long as the limit allows, each chunk exact
     * as an integer, folded as {@code value * radix^chunkLength + chunk} in doubles, so past 2^53
     * every fold rounds (not once, as BigInteger would).
     */
    private static double digitsInChunks(String s, int from, int to, int radix) {
        int i = from;
        while (i < to && s.charAt(i) == '0') {
            i++;
        }
        double value = 0;
        while (i < to) {
            int part = 0;
            int multiplier = 1;
            while (i < to && (long) multiplier * radix <= CHUNK_MULTIPLIER_LIMIT) {
                part = part * radix + Character.digit(s.charAt(i), radix);
                multiplier *= radix;
                i++;
            }
            value = value * multiplier + part;
        }
        return value;
    }

    /** ToInt32: truncate, then wrap modulo 2^32 into the signed range. */
    static int toInt32(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        return (int) (long) (trunc(d) % 4294967296.0);
    }

    /** ToUint32: truncate, then wrap modulo 2^32 into [0, 2^32); {@code %} is exact, even past the long range. */
    static long toUint32(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        double wrapped = trunc(d) % 4294967296.0;
        return (long) (wrapped < 0 ? wrapped + 4294967296.0 : wrapped);
    }

    /** parseFloat: the longest prefix after whitespace that is a StrDecimalLiteral, else NaN. */
    public static double parseFloat(String s) {
        int start = skipWhitespace(s);
        int i = start;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if (s.startsWith("Infinity", i)) {
            return s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            int dot = i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
            if (digits == 0) {
                i = dot;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < s.length() && (s.charAt(e) == '-' || s.charAt(e) == '+')) {
                e++;
            }
            int expStart = e;
            while (e < s.length() && isDigit(s.charAt(e))) {
                e++;
            }
            if (e > expStart) {
                i = e;
            }
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
