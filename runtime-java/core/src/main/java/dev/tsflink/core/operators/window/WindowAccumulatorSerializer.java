package dev.tsflink.core.operators.window;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Serializes a {@link WindowAccumulator} of one layout: the count, the doubles, the exact sums,
 * then each value slot (a first/last value with its time, or a countDistinct set), null values
 * flagged.
 */
public final class WindowAccumulatorSerializer extends TypeSerializer<WindowAccumulator> {

    private static final long serialVersionUID = 1L;

    private final int numbers;
    private final int sums;
    private final TypeSerializer<Object>[] values;
    private final boolean[] sets;

    public WindowAccumulatorSerializer(int numbers, int sums, TypeSerializer<Object>[] values, boolean[] sets) {
        this.numbers = numbers;
        this.sums = sums;
        this.values = values;
        this.sets = sets;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<WindowAccumulator> duplicate() {
        TypeSerializer<Object>[] copies = new TypeSerializer[values.length];
        boolean same = true;
        for (int i = 0; i < values.length; i++) {
            copies[i] = values[i].duplicate();
            same &= copies[i] == values[i];
        }
        return same ? this : new WindowAccumulatorSerializer(numbers, sums, copies, sets);
    }

    @Override
    public WindowAccumulator createInstance() {
        Object[] v = new Object[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = sets[i] ? new HashSet<>() : null;
        }
        ExactSum[] s = new ExactSum[sums];
        for (int i = 0; i < sums; i++) {
            s[i] = new ExactSum();
        }
        return new WindowAccumulator(0, new double[numbers], s, v, new long[values.length]);
    }

    @Override
    @SuppressWarnings("unchecked")
    public WindowAccumulator copy(WindowAccumulator from) {
        Object[] v = new Object[values.length];
        for (int i = 0; i < v.length; i++) {
            if (sets[i]) {
                HashSet<Object> set = new HashSet<>();
                for (Object o : (HashSet<Object>) from.values[i]) {
                    set.add(o == null ? null : values[i].copy(o));
                }
                v[i] = set;
            } else {
                v[i] = from.values[i] == null ? null : values[i].copy(from.values[i]);
            }
        }
        ExactSum[] s = new ExactSum[sums];
        for (int i = 0; i < sums; i++) {
            s[i] = from.sums[i].copy();
        }
        return new WindowAccumulator(from.count, from.numbers.clone(), s, v, from.times.clone());
    }

    @Override
    public WindowAccumulator copy(WindowAccumulator from, WindowAccumulator reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(WindowAccumulator acc, DataOutputView out) throws IOException {
        out.writeLong(acc.count);
        for (double d : acc.numbers) {
            out.writeDouble(d);
        }
        for (ExactSum sum : acc.sums) {
            sum.writeTo(out);
        }
        for (int i = 0; i < values.length; i++) {
            out.writeLong(acc.times[i]);
            if (sets[i]) {
                HashSet<Object> set = (HashSet<Object>) acc.values[i];
                out.writeInt(set.size());
                for (Object o : set) {
                    writeNullable(values[i], o, out);
                }
            } else {
                writeNullable(values[i], acc.values[i], out);
            }
        }
    }

    private static void writeNullable(TypeSerializer<Object> s, Object o, DataOutputView out) throws IOException {
        out.writeBoolean(o == null);
        if (o != null) {
            s.serialize(o, out);
        }
    }

    private static Object readNullable(TypeSerializer<Object> s, DataInputView in) throws IOException {
        return in.readBoolean() ? null : s.deserialize(in);
    }

    @Override
    public WindowAccumulator deserialize(DataInputView in) throws IOException {
        long count = in.readLong();
        double[] n = new double[numbers];
        for (int i = 0; i < numbers; i++) {
            n[i] = in.readDouble();
        }
        ExactSum[] s = new ExactSum[sums];
        for (int i = 0; i < sums; i++) {
            s[i] = ExactSum.readFrom(in);
        }
        Object[] v = new Object[values.length];
        long[] times = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            times[i] = in.readLong();
            if (sets[i]) {
                int size = in.readInt();
                HashSet<Object> set = new HashSet<>(Math.max(16, size * 2));
                for (int j = 0; j < size; j++) {
                    set.add(readNullable(values[i], in));
                }
                v[i] = set;
            } else {
                v[i] = readNullable(values[i], in);
            }
        }
        return new WindowAccumulator(count, n, s, v, times);
    }

    @Override
    public WindowAccumulator deserialize(WindowAccumulator reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof WindowAccumulatorSerializer other && numbers == other.numbers && sums == other.sums
                && Arrays.equals(values, other.values) && Arrays.equals(sets, other.sets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * numbers + sums) + Arrays.hashCode(values)) + Arrays.hashCode(sets);
    }

    @Override
    public TypeSerializerSnapshot<WindowAccumulator> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The layout (doubles, which slots are sets) and each value serializer's snapshot. */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<WindowAccumulator, WindowAccumulatorSerializer> {

        private int numbers;
        private int sums;
        private boolean[] sets = new boolean[0];

        public Snapshot() {}

        Snapshot(WindowAccumulatorSerializer serializer) {
            super(serializer);
            this.numbers = serializer.numbers;
            this.sums = serializer.sums;
            this.sets = serializer.sets;
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 2;
        }

        @Override
        protected void writeOuterSnapshot(DataOutputView out) throws IOException {
            out.writeInt(numbers);
            out.writeInt(sums);
            out.writeInt(sets.length);
            for (boolean s : sets) {
                out.writeBoolean(s);
            }
        }

        @Override
        protected void readOuterSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
            numbers = in.readInt();
            // Version 1 kept sums as plain doubles among the numbers; its state cannot be read as exact sums.
            sums = version >= 2 ? in.readInt() : -1;
            sets = new boolean[in.readInt()];
            for (int i = 0; i < sets.length; i++) {
                sets[i] = in.readBoolean();
            }
        }

        @Override
        protected OuterSchemaCompatibility resolveOuterSchemaCompatibility(TypeSerializerSnapshot<WindowAccumulator> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot old && old.numbers == numbers && old.sums == sums && Arrays.equals(old.sets, sets)) {
                return OuterSchemaCompatibility.COMPATIBLE_AS_IS;
            }
            return OuterSchemaCompatibility.INCOMPATIBLE;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(WindowAccumulatorSerializer outer) {
            return outer.values;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected WindowAccumulatorSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            TypeSerializer<Object>[] values = new TypeSerializer[nested.length];
            for (int i = 0; i < nested.length; i++) {
                values[i] = (TypeSerializer<Object>) nested[i];
            }
            return new WindowAccumulatorSerializer(numbers, sums, values, sets);
        }
    }
}
