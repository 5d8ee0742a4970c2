package dev.tsflink.core.operators.window;

/**
 * The running state of one key's window: the record count, one double per min/max, one
 * {@link ExactSum} per sum/avg and one value per first/last/countDistinct with the timestamp that
 * chose it. Generated {@link WindowAdder}s update it in place, so adding a record allocates nothing.
 */
public final class WindowAccumulator {

    public long count;
    public final double[] numbers;
    public final ExactSum[] sums;
    public final Object[] values;
    public final long[] times;

    public WindowAccumulator(long count, double[] numbers, ExactSum[] sums, Object[] values, long[] times) {
        this.count = count;
        this.numbers = numbers;
        this.sums = sums;
        this.values = values;
        this.times = times;
    }
}
