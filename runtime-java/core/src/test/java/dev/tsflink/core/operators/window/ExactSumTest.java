package dev.tsflink.core.operators.window;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ExactSum}: the exact total, rounded once, whatever the order and grouping of the values. */
class ExactSumTest {

    private static double sum(double... values) {
        ExactSum s = new ExactSum();
        for (double v : values) {
            s.add(v);
        }
        return s.value();
    }

    /** The exact sum by BigDecimal, rounded by parseDouble (correctly rounded, ties to even). */
    private static double reference(double... values) {
        BigDecimal total = BigDecimal.ZERO;
        for (double v : values) {
            total = total.add(new BigDecimal(v));
        }
        return Double.parseDouble(total.toString()) + 0.0;
    }

    @Test
    void roundsTheExactTotalOnce() {
        assertEquals(3.0, sum(1, 1e16, -1e16, 1, 1));
        assertEquals(0.6, sum(0.1, 0.2, 0.3));
        assertEquals(0.6000000000000001, 0.1 + 0.2 + 0.3, "what adding one by one gives instead");
        assertEquals(Math.pow(2, 53), sum(Math.pow(2, 53), 1), "a tie rounds to even");
        assertEquals(Math.pow(2, 53) + 2, sum(Math.pow(2, 53), 1, Math.pow(2, -60)), "just above a tie rounds up");
        assertEquals(Math.pow(2, 53) + 2, sum(Math.pow(2, -60), 1, Math.pow(2, 53)), "in any order");
        assertEquals(1e-323, sum(Double.MIN_VALUE, Double.MIN_VALUE));
    }

    @Test
    void zeroIsPositiveAndSpecialValuesFollowIeee() {
        assertEquals(0.0, sum());
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(sum(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(sum(-1.5, 1.5)));
        assertEquals(Double.NaN, sum(1, Double.NaN, 2));
        assertEquals(Double.NaN, sum(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, sum(1e308, Double.NEGATIVE_INFINITY, 1e308));
    }

    @Test
    void aTotalBeyondTheDoubleRangeIsKeptExactly() {
        assertEquals(1e308, sum(1e308, 1e308, -1e308));
        assertEquals(Double.POSITIVE_INFINITY, sum(1e308, 1e308));
        assertEquals(-1.7976931348623157e308, sum(-Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE));
        assertEquals(5.0, sum(Double.MAX_VALUE, 2, Double.MAX_VALUE, 3, -Double.MAX_VALUE, -Double.MAX_VALUE));
    }

    @Test
    void agreesWithBigDecimalOnRandomValuesAndMergesInAnyGrouping() throws IOException {
        SplittableRandom random = new SplittableRandom(20261125);
        for (int round = 0; round < 2_000; round++) {
            int n = random.nextInt(1, 12);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (random.nextInt(3)) {
                    case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
                    case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-20, 20)) * (random.nextBoolean() ? 1 : -1);
                    default -> random.nextInt(-1000, 1000) * Math.pow(2, random.nextInt(-60, 60));
                };
            }
            double expected = reference(values);
            assertEquals(expected, sum(values), () -> java.util.Arrays.toString(values));

            // Split in two, each part through serialization, merged: as merging session windows do.
            int cut = random.nextInt(0, n + 1);
            ExactSum a = new ExactSum();
            ExactSum b = new ExactSum();
            for (int i = 0; i < n; i++) {
                (i < cut ? a : b).add(values[i]);
            }
            DataOutputSerializer out = new DataOutputSerializer(64);
            b.writeTo(out);
            ExactSum restored = ExactSum.readFrom(new DataInputDeserializer(out.getCopyOfBuffer()));
            restored.addAll(a.copy());
            assertEquals(expected, restored.value(), () -> java.util.Arrays.toString(values) + " cut at " + cut);
        }
    }
}
