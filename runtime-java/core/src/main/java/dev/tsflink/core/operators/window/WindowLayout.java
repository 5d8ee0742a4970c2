package dev.tsflink.core.operators.window;

import dev.tsflink.core.graph.AggregateSpec;
import dev.tsflink.core.graph.AggregateSpec.Op;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RowTypes;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Where each aggregate of a window-aggregate keeps its running value in a
 * {@link WindowAccumulator}, and how accumulators start, merge (session windows) and become the
 * output record. Per record only the generated {@link WindowAdder} runs; this code runs per window.
 */
public final class WindowLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<AggregateSpec> aggregates;
    /** For each aggregate: its index in {@code numbers}, {@code sums} or {@code values}, or -1. */
    private final int[] slots;
    private final Op[] numberOps;
    private final int sumCount;
    private final Op[] valueOps;

    public WindowLayout(List<AggregateSpec> aggregates) {
        this.aggregates = List.copyOf(aggregates);
        this.slots = new int[aggregates.size()];
        List<Op> numbers = new ArrayList<>();
        List<Op> values = new ArrayList<>();
        int sums = 0;
        for (int i = 0; i < aggregates.size(); i++) {
            Op op = aggregates.get(i).op();
            switch (op) {
                case SUM, AVG -> slots[i] = sums++;
                case MIN, MAX -> {
                    slots[i] = numbers.size();
                    numbers.add(op);
                }
                case FIRST, LAST, COUNT_DISTINCT -> {
                    slots[i] = values.size();
                    values.add(op);
                }
                default -> slots[i] = -1;
            }
        }
        this.numberOps = numbers.toArray(new Op[0]);
        this.sumCount = sums;
        this.valueOps = values.toArray(new Op[0]);
    }

    public List<AggregateSpec> aggregates() {
        return aggregates;
    }

    /** The slot of aggregate {@code i} in {@code numbers}, {@code sums} or {@code values}. */
    public int slot(int i) {
        return slots[i];
    }

    /** Whether any aggregate depends on the records' timestamps (first, last). */
    public boolean readsTimestamps() {
        for (Op op : valueOps) {
            if (op == Op.FIRST || op == Op.LAST) {
                return true;
            }
        }
        return false;
    }

    public WindowAccumulator create() {
        double[] numbers = new double[numberOps.length];
        for (int i = 0; i < numbers.length; i++) {
            // Math.min(+Infinity, x) is x for every x, NaN and -0 included; likewise for max.
            numbers[i] = numberOps[i] == Op.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        ExactSum[] sums = new ExactSum[sumCount];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = new ExactSum();
        }
        Object[] values = new Object[valueOps.length];
        long[] times = new long[valueOps.length];
        for (int i = 0; i < values.length; i++) {
            if (valueOps[i] == Op.COUNT_DISTINCT) {
                values[i] = new HashSet<>();
            }
            // The first record always replaces the start value: first needs a smaller time, last an equal or larger one.
            times[i] = valueOps[i] == Op.FIRST ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return new WindowAccumulator(0, numbers, sums, values, times);
    }

    /**
     * Folds {@code b} into {@code a} (session windows that merge, in an order Flink chooses): every
     * part is order-free. Sums are exact; min, max and countDistinct commute; and two sessions
     * never share a timestamp, so first/last never meet a tie here.
     */
    @SuppressWarnings("unchecked")
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
        a.count += b.count;
        for (int i = 0; i < numberOps.length; i++) {
            a.numbers[i] = numberOps[i] == Op.MIN ? Math.min(a.numbers[i], b.numbers[i]) : Math.max(a.numbers[i], b.numbers[i]);
        }
        for (int i = 0; i < sumCount; i++) {
            a.sums[i].addAll(b.sums[i]);
        }
        for (int i = 0; i < valueOps.length; i++) {
            switch (valueOps[i]) {
                case FIRST -> {
                    if (b.times[i] < a.times[i]) {
                        a.values[i] = b.values[i];
                        a.times[i] = b.times[i];
                    }
                }
                case LAST -> {
                    if (b.times[i] >= a.times[i]) {
                        a.values[i] = b.values[i];
                        a.times[i] = b.times[i];
                    }
                }
                default -> ((HashSet<Object>) a.values[i]).addAll((HashSet<Object>) b.values[i]);
            }
        }
        return a;
    }

    /** The output record: one field per aggregate, as its declared type. */
    public org.apache.flink.types.Row result(WindowAccumulator acc, Object key, long start, long end) {
        org.apache.flink.types.Row row = new org.apache.flink.types.Row(aggregates.size());
        for (int i = 0; i < aggregates.size(); i++) {
            AggregateSpec a = aggregates.get(i);
            Object value = switch (a.op()) {
                case COUNT -> acc.count;
                case SUM -> acc.sums[slots[i]].value();
                case AVG -> acc.sums[slots[i]].value() / acc.count;
                case MIN, MAX -> number(acc.numbers[slots[i]], a.type());
                case FIRST, LAST -> acc.values[slots[i]];
                case COUNT_DISTINCT -> (long) ((HashSet<?>) acc.values[slots[i]]).size();
                case KEY -> key;
                case WINDOW_START -> start;
                case WINDOW_END -> end;
            };
            row.setField(i, value);
        }
        return row;
    }

    /** A min or max as its declared type; the values were int, long or timestamp, so the double is integral. */
    private static Object number(double d, DataType type) {
        if (type == PrimitiveType.INT) {
            return (int) d;
        }
        if (type == PrimitiveType.LONG || type instanceof TimestampType) {
            return (long) d;
        }
        return d;
    }

    /** The serializer of this layout's accumulators. */
    @SuppressWarnings("unchecked")
    public TypeSerializer<WindowAccumulator> serializer(SerializerConfig config) {
        TypeSerializer<Object>[] values = new TypeSerializer[valueOps.length];
        boolean[] sets = new boolean[valueOps.length];
        for (int i = 0; i < aggregates.size(); i++) {
            AggregateSpec a = aggregates.get(i);
            if (slots[i] >= 0 && (a.op() == Op.FIRST || a.op() == Op.LAST || a.op() == Op.COUNT_DISTINCT)) {
                DataType t = a.op() == Op.COUNT_DISTINCT ? a.fn().body().type() : a.type();
                values[slots[i]] = (TypeSerializer<Object>) RowTypes.typeInfo(t).createSerializer(config);
                sets[slots[i]] = a.op() == Op.COUNT_DISTINCT;
            }
        }
        return new WindowAccumulatorSerializer(numberOps.length, sumCount, values, sets);
    }
}
