package dev.tsflink.core.types;

import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serializes a {@code Record<string, T>} as a {@link LinkedHashMap}: entries in insertion order,
 * null values flagged. Flink's own {@code MapSerializer} deserializes into a {@code HashMap}, which
 * would reorder the keys a JavaScript object keeps in insertion order.
 */
public final class InsertionOrderMapSerializer<V> extends TypeSerializer<LinkedHashMap<String, V>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<V> values;

    public InsertionOrderMapSerializer(TypeSerializer<V> values) {
        this.values = values;
    }

    TypeSerializer<V> values() {
        return values;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<LinkedHashMap<String, V>> duplicate() {
        TypeSerializer<V> d = values.duplicate();
        return d == values ? this : new InsertionOrderMapSerializer<>(d);
    }

    @Override
    public LinkedHashMap<String, V> createInstance() {
        return new LinkedHashMap<>();
    }

    @Override
    public LinkedHashMap<String, V> copy(LinkedHashMap<String, V> from) {
        LinkedHashMap<String, V> to = new LinkedHashMap<>(Math.max(16, from.size() * 2));
        for (Map.Entry<String, V> e : from.entrySet()) {
            to.put(e.getKey(), e.getValue() == null ? null : values.copy(e.getValue()));
        }
        return to;
    }

    @Override
    public LinkedHashMap<String, V> copy(LinkedHashMap<String, V> from, LinkedHashMap<String, V> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LinkedHashMap<String, V> map, DataOutputView target) throws IOException {
        target.writeInt(map.size());
        for (Map.Entry<String, V> e : map.entrySet()) {
            StringSerializer.INSTANCE.serialize(e.getKey(), target);
            if (e.getValue() == null) {
                target.writeBoolean(true);
            } else {
                target.writeBoolean(false);
                values.serialize(e.getValue(), target);
            }
        }
    }

    @Override
    public LinkedHashMap<String, V> deserialize(DataInputView source) throws IOException {
        int size = source.readInt();
        LinkedHashMap<String, V> map = new LinkedHashMap<>(Math.max(16, size * 2));
        for (int i = 0; i < size; i++) {
            String key = StringSerializer.INSTANCE.deserialize(source);
            map.put(key, source.readBoolean() ? null : values.deserialize(source));
        }
        return map;
    }

    @Override
    public LinkedHashMap<String, V> deserialize(LinkedHashMap<String, V> reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int size = source.readInt();
        target.writeInt(size);
        for (int i = 0; i < size; i++) {
            StringSerializer.INSTANCE.copy(source, target);
            boolean isNull = source.readBoolean();
            target.writeBoolean(isNull);
            if (!isNull) {
                values.copy(source, target);
            }
        }
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof InsertionOrderMapSerializer<?> other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + 7;
    }

    @Override
    public TypeSerializerSnapshot<LinkedHashMap<String, V>> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** The snapshot: the value serializer's own snapshot, nested. */
    public static final class Snapshot<V>
            extends CompositeTypeSerializerSnapshot<LinkedHashMap<String, V>, InsertionOrderMapSerializer<V>> {

        public Snapshot() {}

        Snapshot(InsertionOrderMapSerializer<V> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(InsertionOrderMapSerializer<V> outer) {
            return new TypeSerializer<?>[] {outer.values()};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected InsertionOrderMapSerializer<V> createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new InsertionOrderMapSerializer<>((TypeSerializer<V>) nested[0]);
        }
    }
}
