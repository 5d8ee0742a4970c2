package dev.tsflink.core.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * JavaScript semantics of the array and map methods for generated code. Arrays are Java arrays of
 * the item's value class (see {@code RowTypes}); results keep that class, as a row field needs it.
 * Methods that call a function per item are loops in the generated code itself.
 */
public final class JsArrays {

    private JsArrays() {}

    /** SameValueZero: numbers by value with NaN equal to NaN and -0 equal to 0; others like ===. */
    public static boolean sameValueZero(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return dx == dy || (Double.isNaN(dx) && Double.isNaN(dy));
        }
        return Js.strictEquals(a, b);
    }

    /** {@code array.includes(x, fromIndex)}: SameValueZero, so NaN is found. */
    public static boolean includes(Object[] a, Object x, double fromIndex) {
        for (int i = start(a.length, fromIndex); i < a.length; i++) {
            if (sameValueZero(a[i], x)) {
                return true;
            }
        }
        return false;
    }

    /** {@code array.indexOf(x, fromIndex)}: strict equality, so NaN is never found. */
    public static int indexOf(Object[] a, Object x, double fromIndex) {
        for (int i = start(a.length, fromIndex); i < a.length; i++) {
            if (Js.strictEquals(a[i], x)) {
                return i;
            }
        }
        return -1;
    }

    /** A fromIndex as includes and indexOf read it: negative counts from the end, clamped to [0, length]. */
    private static int start(int length, double fromIndex) {
        return relative(length, fromIndex);
    }

    /** ToIntegerOrInfinity, then negative from the end, clamped to [0, length]. */
    private static int relative(int length, double d) {
        double n = Double.isNaN(d) ? 0 : d < 0 ? Math.ceil(d) : Math.floor(d);
        if (n < 0) {
            return (int) Math.max(0, length + n);
        }
        return (int) Math.min(n, length);
    }

    /** {@code array.slice(start, end)}: a new array of the same class. */
    public static Object[] slice(Object[] a, double start, double end) {
        int from = relative(a.length, start);
        int to = relative(a.length, end);
        return Arrays.copyOfRange(a, from, Math.max(from, to));
    }

    /** {@code array.join(separator)}: items as String(x), null items as "". */
    public static String join(Object[] a, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            if (a[i] != null) {
                sb.append(Js.str(a[i]));
            }
        }
        return sb.toString();
    }

    /** {@code array[i]}: the item, or null outside 0..length−1 and for an index that is not an integer. */
    public static Object at(Object[] a, double i) {
        if (i >= 0 && i < a.length && i == Math.floor(i)) {
            return a[(int) i];
        }
        return null;
    }

    /**
     * {@code Object.keys(map)}: JavaScript's property order, which {@code JSON.stringify} follows
     * too: keys that are array indices first, in ascending numeric order, then the others in
     * insertion order.
     */
    public static String[] keys(Map<?, ?> map) {
        List<String> indices = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Object key : map.keySet()) {
            String k = (String) key;
            (isArrayIndex(k) ? indices : others).add(k);
        }
        if (indices.isEmpty()) {
            return others.toArray(new String[0]);
        }
        indices.sort(Comparator.comparingLong(Long::parseLong));
        indices.addAll(others);
        return indices.toArray(new String[0]);
    }

    /** A canonical decimal integer from 0 to 2^32 − 2 ("0", "17"; not "017", "-1", "1.0"). */
    static boolean isArrayIndex(String k) {
        int n = k.length();
        if (n == 0 || n > 10 || (n > 1 && k.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = k.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Long.parseLong(k) <= 4294967294L;
    }
}
