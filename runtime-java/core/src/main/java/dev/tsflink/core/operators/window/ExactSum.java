package dev.tsflink.core.operators.window;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * The exact sum of doubles, rounded once when read: what {@code agg.sum} and {@code agg.avg}
 * accumulate, so a window's result does not depend on the order its records arrive in or on how
 * merging session windows combine partial sums (compiler/schema/README.md, "Why sum is exact").
 *
 * <p>The sum is kept as non-overlapping partials whose exact total is the sum (Shewchuk's
 * algorithm, as Python's {@code math.fsum}); usually one or two. A partial that would overflow
 * switches the sum to a {@link BigDecimal}, which holds any finite total exactly. NaN and the
 * infinities are counted apart, as IEEE addition ignores every finite value beside them.
 */
public final class ExactSum {

    private static final int NAN = 1;
    private static final int POSITIVE_INFINITY = 2;
    private static final int NEGATIVE_INFINITY = 4;

    private double[] partials;
    private int size;
    private int specials;
    /** Set once a partial would overflow; from then on every finite value is added here. */
    private BigDecimal overflowed;

    public ExactSum() {
        this(new double[2], 0, 0, null);
    }

    private ExactSum(double[] partials, int size, int specials, BigDecimal overflowed) {
        this.partials = partials;
        this.size = size;
        this.specials = specials;
        this.overflowed = overflowed;
    }

    public void add(double x) {
        if (Double.isNaN(x)) {
            specials |= NAN;
        } else if (Double.isInfinite(x)) {
            specials |= x > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        } else if (x != 0) {
            addFinite(x);
        }
    }

    /** Adds what {@code other} holds, exactly. */
    public void addAll(ExactSum other) {
        specials |= other.specials;
        for (int i = 0; i < other.size; i++) {
            addFinite(other.partials[i]);
        }
        if (other.overflowed != null) {
            overflowed = drainedTotal().add(other.overflowed);
        }
    }

    private void addFinite(double value) {
        if (overflowed != null) {
            overflowed = overflowed.add(new BigDecimal(value));
            return;
        }
        double x = value;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            double y = partials[i];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            if (Double.isInfinite(hi)) {
                // The total is momentarily beyond the double range; exact arithmetic takes over.
                // Here the total is partials[0, kept) (already rewritten) + x + y + partials(i, size).
                BigDecimal total = new BigDecimal(x).add(new BigDecimal(y));
                for (int j = 0; j < size; j++) {
                    if (j < kept || j > i) {
                        total = total.add(new BigDecimal(partials[j]));
                    }
                }
                overflowed = total;
                size = 0;
                return;
            }
            double lo = y - (hi - x);
            if (lo != 0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, kept * 2);
        }
        partials[kept] = x;
        size = kept + 1;
    }

    /**
     * This sum's exact total as a BigDecimal, moving the partials into it (they are finite, so
     * BigDecimal holds each exactly); the caller stores the result in {@code overflowed}.
     */
    private BigDecimal drainedTotal() {
        BigDecimal total = overflowed != null ? overflowed : BigDecimal.ZERO;
        for (int i = 0; i < size; i++) {
            total = total.add(new BigDecimal(partials[i]));
        }
        size = 0;
        return total;
    }

    /** The exact sum rounded to the nearest double, ties to even; an exact zero is +0. */
    public double value() {
        if ((specials & NAN) != 0 || (specials & (POSITIVE_INFINITY | NEGATIVE_INFINITY)) == (POSITIVE_INFINITY | NEGATIVE_INFINITY)) {
            return Double.NaN;
        }
        if (specials != 0) {
            return (specials & POSITIVE_INFINITY) != 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        if (overflowed != null) {
            // Exact decimal text, and parseDouble rounds correctly (to ±Infinity beyond the range).
            return Double.parseDouble(overflowed.toString()) + 0.0;
        }
        return rounded() + 0.0;
    }

    /**
     * Python's fsum rounding: sum the partials from the largest until a rounding error appears;
     * when that error is exactly half an ulp and the next partial has the same sign, the tie was
     * not a tie and rounds away.
     */
    private double rounded() {
        if (size == 0) {
            return 0.0;
        }
        int n = size - 1;
        double hi = partials[n];
        double lo = 0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0) {
                break;
            }
        }
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }

    public ExactSum copy() {
        return new ExactSum(Arrays.copyOf(partials, Math.max(2, size)), size, specials, overflowed);
    }

    public void writeTo(DataOutputView out) throws IOException {
        out.writeByte(specials);
        out.writeBoolean(overflowed != null);
        if (overflowed != null) {
            out.writeUTF(overflowed.toString());
        }
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeDouble(partials[i]);
        }
    }

    public static ExactSum readFrom(DataInputView in) throws IOException {
        int specials = in.readByte();
        BigDecimal overflowed = in.readBoolean() ? new BigDecimal(in.readUTF()) : null;
        int size = in.readInt();
        double[] partials = new double[Math.max(2, size)];
        for (int i = 0; i < size; i++) {
            partials[i] = in.readDouble();
        }
        return new ExactSum(partials, size, specials, overflowed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactSum other && specials == other.specials && Objects.equals(overflowed, other.overflowed)
                && Arrays.equals(partials, 0, size, other.partials, 0, other.size);
    }

    @Override
    public int hashCode() {
        return 31 * specials + Arrays.hashCode(Arrays.copyOf(partials, size));
    }
}
