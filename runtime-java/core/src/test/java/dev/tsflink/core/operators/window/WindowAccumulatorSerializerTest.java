package dev.tsflink.core.operators.window;

import dev.tsflink.core.expr.Expr;
import dev.tsflink.core.graph.AggregateSpec;
import dev.tsflink.core.graph.AggregateSpec.Op;
import dev.tsflink.core.graph.Node.FunctionSpec;
import dev.tsflink.core.types.InsertionOrderMapSerializer;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * The state a window-aggregate and a {@code Record<string, T>} keep survives serialization,
 * copying and a savepoint's serializer snapshot: what a restarted job reads is what it wrote.
 */
class WindowAccumulatorSerializerTest {

    private static final RecordType CLICK = new RecordType("Click", List.of(
            new RecordField("user", PrimitiveType.STRING), new RecordField("ms", PrimitiveType.INT)));

    private static AggregateSpec agg(String name, Op op, String field, Object type) {
        FunctionSpec fn = field == null ? null : new FunctionSpec("c", CLICK,
                new Expr.Field(CLICK.fields().get(CLICK.indexOf(field)).type(), new Expr.Ref(CLICK, "c"), field, false));
        return new AggregateSpec(name, op, fn, (dev.tsflink.core.types.DataType) type);
    }

    private static final WindowLayout LAYOUT = new WindowLayout(List.of(
            agg("views", Op.COUNT, null, PrimitiveType.LONG),
            agg("total", Op.SUM, "ms", PrimitiveType.DOUBLE),
            agg("longest", Op.MAX, "ms", PrimitiveType.INT),
            agg("firstUser", Op.FIRST, "user", PrimitiveType.STRING),
            agg("users", Op.COUNT_DISTINCT, "user", PrimitiveType.LONG),
            agg("from", Op.WINDOW_START, null, TimestampType.INSTANCE)));

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeSerializer<T> restored(TypeSerializer<T> serializer) throws IOException {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<T> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), WindowAccumulatorSerializerTest.class.getClassLoader());
        assertEquals(true, read.resolveSchemaCompatibility(snapshot).isCompatibleAsIs());
        return read.restoreSerializer();
    }

    @Test
    void accumulatorsRoundTripCopyAndRestore() throws IOException {
        WindowAccumulator acc = LAYOUT.create();
        acc.count = 3;
        // 1e16 and -1e16 cancel only in an exact sum; the two 1s must survive the round trip.
        for (double ms : new double[] {1, 1e16, 369, -1e16}) {
            acc.sums[0].add(ms);
        }
        acc.numbers[0] = 300;
        acc.values[0] = "u2";
        acc.times[0] = 30_000;
        ((Set<Object>) (Set<?>) acc.values[1]).addAll(List.of("u1", "u2"));

        TypeSerializer<WindowAccumulator> serializer = new WindowAccumulatorTypeInfo(LAYOUT).createSerializer(new SerializerConfigImpl());
        for (WindowAccumulator back : List.of(roundTrip(serializer, acc), roundTrip(restored(serializer), acc), serializer.copy(acc))) {
            assertNotSame(acc, back);
            assertEquals(3, back.count);
            assertArrayEquals(new double[] {300}, back.numbers);
            assertEquals(370.0, back.sums[0].value());
            assertEquals("u2", back.values[0]);
            assertEquals(new HashSet<>(List.of("u1", "u2")), back.values[1]);
            assertArrayEquals(new long[] {30_000, Long.MIN_VALUE}, back.times);
            assertEquals(org.apache.flink.types.Row.of(3L, 370.0, 300, "u2", 2L, 0L), LAYOUT.result(back, "k", 0, 60_000));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void mapsKeepInsertionOrderAndNullValues() throws IOException {
        TypeSerializer<LinkedHashMap<String, Object>> serializer = (TypeSerializer<LinkedHashMap<String, Object>>)
                RowTypes.typeInfo(new MapType(new NullableType(PrimitiveType.DOUBLE))).createSerializer(new SerializerConfigImpl());
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1.0);
        m.put("a", null);
        m.put("m", -0.0);
        for (LinkedHashMap<String, Object> back : List.of(roundTrip(serializer, m), roundTrip(restored(serializer), m), serializer.copy(m))) {
            assertEquals(List.of("z", "a", "m"), List.copyOf(back.keySet()));
            assertEquals(m, back);
        }
        assertEquals(InsertionOrderMapSerializer.class, serializer.getClass());
    }
}
