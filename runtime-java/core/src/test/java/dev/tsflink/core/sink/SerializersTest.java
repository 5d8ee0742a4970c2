package dev.tsflink.core.sink;

import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The committable and writer-state formats: round trips, their exact bytes, and refused versions. */
class SerializersTest {

    static final RecordType LINE = new RecordType("Line", List.of(
            new RecordField("sku", PrimitiveType.STRING), new RecordField("price", PrimitiveType.DOUBLE)));
    static final RecordType ORDER = new RecordType("Order", List.of(
            new RecordField("orderId", PrimitiveType.STRING),
            new RecordField("quantity", PrimitiveType.INT),
            new RecordField("createdAt", TimestampType.INSTANCE),
            new RecordField("coupon", new NullableType(PrimitiveType.STRING)),
            new RecordField("lines", new ArrayType(LINE))));

    static Row order(String id, int quantity) {
        return Row.of(id, quantity, 1_700_000_000_000L + quantity, quantity % 2 == 0 ? null : "C" + quantity,
                new Row[] {Row.of("sku-" + quantity, 1.5 * quantity)});
    }

    @Test
    void rowBatchRoundTripsWithItsRows() throws IOException {
        RowCodec codec = new RowCodec(ORDER);
        List<Row> rows = List.of(order("o-1", 1), order("o-2", 2), order("o-3", 3));
        RowBatch batch = new RowBatch("run-a", 3, 17, rows.size(), codec.toBytes(rows));
        RowBatchSerializer serializer = new RowBatchSerializer();
        assertEquals(1, serializer.getVersion());

        RowBatch back = serializer.deserialize(1, serializer.serialize(batch));
        assertEquals(batch, back);
        assertEquals(new Fence("sink-x", 3, "run-a", 17), back.fence("sink-x"));
        List<Row> decoded = codec.fromBytes(back.rows(), back.count());
        assertEquals(3, decoded.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(rows.get(i).getField(0), decoded.get(i).getField(0));
            assertEquals(rows.get(i).getField(3), decoded.get(i).getField(3));
            assertArrayEquals((Object[]) rows.get(i).getField(4), (Object[]) decoded.get(i).getField(4));
        }
        assertEquals("RowBatch{run=run-a, subtask=3, checkpoint=17, rows=3}", back.toString());
    }

    @Test
    void rowBatchVersionOneLayout() throws IOException {
        byte[] bytes = new RowBatchSerializer().serialize(new RowBatch("r", 2, 5, 0, new byte[] {9, 8}));
        // writeUTF("r"), int 2, long 5, int 0 (rows), int 2 (length), the two bytes.
        assertArrayEquals(new byte[] {0, 1, 'r', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 2, 9, 8}, bytes);
    }

    @Test
    void refusesUnknownVersionsAndTrailingBytes() throws IOException {
        RowBatchSerializer serializer = new RowBatchSerializer();
        byte[] bytes = serializer.serialize(new RowBatch("r", 0, 1, 0, new byte[0]));
        assertEquals("unknown version 2 of a database sink's committable; this harness reads version 1",
                assertThrows(IOException.class, () -> serializer.deserialize(2, bytes)).getMessage());
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertEquals("1 bytes left after a database sink's committable",
                assertThrows(IOException.class, () -> serializer.deserialize(1, longer)).getMessage());
    }

    @Test
    void writerStateRoundTrips() throws IOException {
        SinkWriterStateSerializer serializer = new SinkWriterStateSerializer();
        assertEquals(1, serializer.getVersion());
        SinkWriterState state = new SinkWriterState("3f1c2d9e-run");
        assertEquals(state, serializer.deserialize(1, serializer.serialize(state)));
        assertEquals("unknown version 7 of a database sink's writer state; this harness reads version 1",
                assertThrows(IOException.class, () -> serializer.deserialize(7, serializer.serialize(state))).getMessage());
    }

    @Test
    void fenceCoversOnlyItsOwnRunUpToItsCheckpoint() {
        Fence fence = new Fence("s", 0, "run-b", 10);
        assertEquals(true, fence.appliedGiven("run-b", 10));
        assertEquals(true, fence.appliedGiven("run-b", 11));
        assertEquals(false, fence.appliedGiven("run-b", 9));
        // A new job reusing the sink uid starts a new run: its checkpoint 10 is not the old job's.
        assertEquals(false, fence.appliedGiven("run-a", 500));
        assertEquals(false, fence.appliedGiven("", 0));
        assertEquals("s/0", fence.key());
    }

    @Test
    void backoffDoublesFromOneSecondToThirty() throws InterruptedException {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L),
                java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(n -> Backoff.delayAfter(n).toSeconds()).toList());
        List<Long> slept = new java.util.ArrayList<>();
        int[] attempts = {0};
        Backoff backoff = new Backoff(org.slf4j.LoggerFactory.getLogger(SerializersTest.class), "test write",
                delay -> slept.add(delay.toSeconds()));
        String result = backoff.run(() -> {
            if (++attempts[0] < 4) {
                throw new SinkUnavailableException("down", null);
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of(1L, 2L, 4L), slept);
        assertEquals(3, backoff.retries());
    }
}
