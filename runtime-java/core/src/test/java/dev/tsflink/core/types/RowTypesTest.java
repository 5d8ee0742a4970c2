package dev.tsflink.core.types;

import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.graph.JobGraph;
import dev.tsflink.core.graph.JobGraphLoader;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowTypesTest {

    private static final JobGraph GRAPH = JobGraphLoader.load(RepoFiles.read(RepoFiles.ORDERS_BASIC));
    private static final RecordType ORDER = (RecordType) GRAPH.types().get("Order");

    @Test
    void ordersMapToNamedRowTypeInfo() {
        RowTypeInfo info = RowTypes.rowTypeInfo(ORDER);
        assertArrayEquals(new String[] {"orderId", "customerId", "amount", "quantity", "status", "createdAt", "coupon",
                "lines", "shipping"}, info.getFieldNames());
        RowTypeInfo line = new RowTypeInfo(new TypeInformation<?>[] {Types.STRING, Types.DOUBLE}, new String[] {"sku", "price"});
        assertEquals(List.of(Types.STRING, Types.STRING, Types.DOUBLE, Types.INT, Types.STRING, Types.LONG, Types.STRING,
                ObjectArrayTypeInfo.getInfoFor(Row[].class, line),
                new RowTypeInfo(new TypeInformation<?>[] {Types.STRING, Types.STRING}, new String[] {"city", "country"})),
                List.of(info.getFieldTypes()));
    }

    @Test
    void valueClassesFollowTheTypeTable() {
        assertEquals(String[][].class, RowTypes.valueClass(new ArrayType(new ArrayType(PrimitiveType.STRING))));
        assertEquals(Long.class, RowTypes.valueClass(new NullableType(TimestampType.INSTANCE)));
        assertEquals(String.class, RowTypes.valueClass(GRAPH.types().get("Order_status")));
        assertEquals(Row[].class, RowTypes.valueClass(ORDER.fields().get(7).type()));
    }

    @Test
    void rowsSurviveFlinksSerializerWithNullsAndArrays() throws Exception {
        TypeSerializer<Row> serializer = RowTypes.rowTypeInfo(ORDER).createSerializer(new SerializerConfigImpl());
        Row order = Row.of("o-1", "c-1", 1.5, 2, "PAID", 7L, null,
                new Row[] {Row.of("a", 1.0), null}, Row.of("Lyon", "FR"));
        DataOutputSerializer out = new DataOutputSerializer(128);
        serializer.serialize(order, out);
        Row back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(order, back);
        assertEquals(Row[].class, back.getField(7).getClass());
        assertEquals(order, serializer.copy(order));
    }
}
