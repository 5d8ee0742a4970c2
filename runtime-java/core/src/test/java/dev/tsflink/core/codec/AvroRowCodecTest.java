package dev.tsflink.core.codec;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.tsflink.core.codec.OrdersFixture.ORDER;
import static dev.tsflink.core.codec.OrdersFixture.order;
import static dev.tsflink.core.codec.OrdersFixture.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Avro codec against Apache Avro's own writer, for the Order type of orders-basic. */
class AvroRowCodecTest {

    private static final Schema SCHEMA = AvroSchemas.of(ORDER);

    /** The sample order, written by Apache Avro's generic writer. */
    private static byte[] sampleByAvro(String orderId, String coupon) throws Exception {
        return sampleByAvro(orderId, coupon, 1_700_000_000_000L);
    }

    private static byte[] sampleByAvro(String orderId, String coupon, long createdAt) throws Exception {
        Schema lineSchema = SCHEMA.getField("lines").schema().getElementType();
        Schema shippingSchema = SCHEMA.getField("shipping").schema();
        GenericRecord line1 = new GenericData.Record(lineSchema);
        line1.put("sku", "sku-1");
        line1.put("price", 40.5);
        GenericRecord line2 = new GenericData.Record(lineSchema);
        line2.put("sku", "sku-2");
        line2.put("price", 80.0);
        GenericRecord shipping = new GenericData.Record(shippingSchema);
        shipping.put("city", "Lyon");
        shipping.put("country", "FR");
        GenericRecord order = new GenericData.Record(SCHEMA);
        order.put("orderId", orderId);
        order.put("customerId", "c-1");
        order.put("amount", 120.5);
        order.put("quantity", 3);
        order.put("status", new GenericData.EnumSymbol(SCHEMA.getField("status").schema(), "PAID"));
        order.put("createdAt", createdAt);
        order.put("coupon", coupon);
        order.put("lines", new GenericData.Array<>(SCHEMA.getField("lines").schema(), List.of(line1, line2)));
        order.put("shipping", shipping);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(order, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String reason(byte[] value) {
        return assertThrows(DecodeException.class, () -> new AvroRowDecoder(ORDER).decode(value)).getMessage();
    }

    @Test
    void decodesWhatAvroWrites() throws Exception {
        Row row = new AvroRowDecoder(ORDER).decode(sampleByAvro("o-1", null));
        assertEquals(sample(), row);
        // Arrays carry their items' class, as Flink's array serializer produces them.
        assertEquals(Row[].class, row.getField(7).getClass());
    }

    @Test
    void encodesWhatAvroWrites() throws Exception {
        assertArrayEquals(sampleByAvro("o-1", null), new AvroRowEncoder(ORDER).encode(sample()));
        Row withCoupon = sample();
        withCoupon.setField(6, "SPRING");
        assertArrayEquals(sampleByAvro("o-1", "SPRING"), new AvroRowEncoder(ORDER).encode(withCoupon));
    }

    @Test
    void decodesTheConfluentWireFormat() throws Exception {
        byte[] framed = concat(new byte[] {0, 0, 0, 1, 7}, sampleByAvro("o-1", null));
        assertEquals(sample(), new AvroRowDecoder(ORDER).decode(framed));
    }

    @Test
    void plainAvroStartingWithZeroIsNotMistakenForFraming() throws Exception {
        // An empty first string encodes as 0x00, so this plain value looks framed; the framed
        // decode does not consume the value exactly, and the plain one does.
        byte[] plain = sampleByAvro("", "X");
        assertEquals(0, plain[0]);
        Row expected = order("", "c-1", 120.5, 3, "PAID", 1_700_000_000_000L, "X",
                new Row[] {Row.of("sku-1", 40.5), Row.of("sku-2", 80.0)}, Row.of("Lyon", "FR"));
        assertEquals(expected, new AvroRowDecoder(ORDER).decode(plain));
    }

    @Test
    void reusesItsBuffersAcrossValues() throws Exception {
        AvroRowDecoder decoder = new AvroRowDecoder(ORDER);
        byte[] value = sampleByAvro("o-1", null);
        assertEquals(sample(), decoder.decode(value));
        assertThrows(DecodeException.class, () -> decoder.decode(Arrays.copyOf(value, 10)));
        assertEquals(sample(), decoder.decode(value));
    }

    @Test
    void corruptValuesAreRefusedWithAReason() throws Exception {
        byte[] value = sampleByAvro("o-1", null);
        assertEquals("not Avro Order: field 'shipping.country': a string of 2 bytes, but only 1 byte is left",
                reason(Arrays.copyOf(value, value.length - 1)));
        assertEquals("not Avro Order: the value ends before the record does", reason(Arrays.copyOf(value, 10)));
        assertEquals("not Avro Order: bytes left over after the record", reason(concat(value, new byte[] {2})));
        assertEquals("not Avro Order: field 'orderId': a string of negative length -1", reason(new byte[] {1}));
        assertEquals("not Avro Order: the value ends before the record does", reason(new byte[0]));
    }

    @Test
    void longsBeyondJavaScriptsExactIntegersAreRefused() throws Exception {
        assertEquals(9007199254740991L, new AvroRowDecoder(ORDER).decode(sampleByAvro("o-1", null, 9007199254740991L)).getField(5));
        assertEquals(-9007199254740991L, new AvroRowDecoder(ORDER).decode(sampleByAvro("o-1", null, -9007199254740991L)).getField(5));
        assertEquals("not Avro Order: field 'createdAt': 9007199254740992 is outside the range of a timestamp"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(sampleByAvro("o-1", null, 9007199254740992L)));
        assertEquals("not Avro Order: field 'createdAt': -9223372036854775808 is outside the range of a timestamp"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(sampleByAvro("o-1", null, Long.MIN_VALUE)));
    }

    @Test
    void badEnumIndexesAndUnionBranchesAreRefused() throws Exception {
        byte[] value = sampleByAvro("o-1", null);
        // orderId "o-1" (4 bytes), customerId "c-1" (4), amount (8), quantity 3 (1): status is at 17.
        byte[] badEnum = value.clone();
        badEnum[17] = 6; // zigzag 3: a fourth symbol
        assertEquals("not Avro Order: field 'status': enum index 3 outside Order_status (3 symbols)", reason(badEnum));
        // createdAt (6 bytes) follows; then the coupon union's branch index.
        byte[] badBranch = value.clone();
        badBranch[24] = 4; // zigzag 2
        assertEquals("not Avro Order: field 'coupon': union branch 2 of [\"null\",\"string\"]", reason(badBranch));
    }

    @Test
    void framedAndPlainFailuresAreBothReported() {
        byte[] value = {0, 0, 0, 0, 1, 2};
        assertEquals("not Avro Order with Confluent framing (field 'orderId': a string of 1 byte, but only 0 bytes are left) "
                + "nor plain (the value ends before the record does)", reason(value));
    }

    // ---------------------------------------------------------------- hostile values

    /** Avro's zig-zag variable-length encoding of {@code v}. */
    private static byte[] varint(long v) {
        long z = (v << 1) ^ (v >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((z & ~0x7fL) != 0) {
            out.write((int) ((z & 0x7f) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] a ? a : p instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : new byte[] {((Number) p).byteValue()};
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** The sample's bytes up to its {@code lines} array: orderId, customerId, amount, quantity, status, createdAt, coupon. */
    private static byte[] beforeLines() throws Exception {
        byte[] value = sampleByAvro("o-1", null);
        return Arrays.copyOf(value, 4 + 4 + 8 + 1 + 1 + 6 + 1);
    }

    private static String reason(RecordType type, byte[] value) {
        return assertThrows(DecodeException.class, () -> new AvroRowDecoder(type).decode(value)).getMessage();
    }

    @Test
    void aHugeDeclaredStringIsRefusedBeforeAnythingIsAllocated() {
        // 80 bc c1 96 0b: a string of 1,500,000,000 bytes, in a 6-byte value.
        byte[] value = {(byte) 0x80, (byte) 0xbc, (byte) 0xc1, (byte) 0x96, 0x0b, 0x61};
        assertEquals("not Avro Order: field 'orderId': a string of 1500000000 bytes, but only 1 byte is left", reason(value));
    }

    @Test
    void arrayAndMapCountsAreBoundedByTheBytesLeft() throws Exception {
        // A line takes at least 9 bytes (an empty sku and a double).
        assertEquals("not Avro Order: field 'lines': array block of 2000000000 items, but only 3 bytes are left",
                reason(bytes(beforeLines(), varint(2_000_000_000L), 1, 2, 3)));
        // A negative count is followed by the block's size in bytes; the count is bounded the same way.
        assertEquals("not Avro Order: field 'lines': array block of 2 items, but only 9 bytes are left",
                reason(bytes(beforeLines(), varint(-2), varint(18), 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        // Nested: a string inside the second line.
        assertEquals("not Avro Order: field 'lines[1].sku': a string of 1000 bytes, but only 12 bytes are left",
                reason(bytes(beforeLines(), varint(2), varint(1), "a", new byte[8], varint(1000), "b", new byte[11])));
        RecordType counts = new RecordType("Counts", List.of(new RecordField("m", new MapType(PrimitiveType.STRING))));
        assertEquals("not Avro Counts: field 'm': map block of 1000000 items, but only 2 bytes are left",
                reason(counts, bytes(varint(1_000_000), 0, 0)));
        assertEquals("not Avro Counts: field 'm.k': a string of 50 bytes, but only 0 bytes are left",
                reason(counts, bytes(varint(1), varint(1), "k", varint(50))));
        RecordType nested = new RecordType("Nested", List.of(new RecordField("rows", new ArrayType(new MapType(new ArrayType(PrimitiveType.STRING))))));
        assertEquals("not Avro Nested: field 'rows[0].x': array block of 7 items, but only 2 bytes are left",
                reason(nested, bytes(varint(1), varint(1), varint(1), "x", varint(7), 0, 0)));
    }

    @Test
    void itemsThatTakeNoBytesAreLimitedPerValue() throws Exception {
        RecordType empty = new RecordType("Empty", List.of());
        RecordType poison = new RecordType("Poison", List.of(new RecordField("lines", new ArrayType(empty))));
        assertEquals("not Avro Poison: field 'lines': array block of 2000000000 items that take no bytes; a value may hold 100000 of those",
                reason(poison, bytes(varint(2_000_000_000L), 0)));
        // The limit is for the whole value, not each array: nested arrays cannot multiply it.
        RecordType grid = new RecordType("Grid", List.of(new RecordField("grid", new ArrayType(new ArrayType(empty)))));
        assertEquals("not Avro Grid: field 'grid[1]': array block of 60000 items that take no bytes; a value may hold 100000 of those",
                reason(grid, bytes(varint(2), varint(60_000), 0, varint(60_000), 0, 0)));
        Row ok = new AvroRowDecoder(grid).decode(bytes(varint(2), varint(50_000), 0, varint(50_000), 0, 0));
        assertEquals(50_000, ((Object[]) ((Object[]) ok.getField(0))[1]).length);
        RecordType nulls = new RecordType("Nulls", List.of(new RecordField("n", new ArrayType(PrimitiveType.NULL))));
        assertEquals(3, ((Object[]) new AvroRowDecoder(nulls).decode(bytes(varint(3), 0)).getField(0)).length);
    }

    @Test
    void malformedScalarsNameTheirField() throws Exception {
        assertEquals("not Avro Order: field 'orderId': a variable-length integer longer than 10 bytes",
                reason(bytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1})));
        byte[] value = sampleByAvro("o-1", null);
        byte[] bigQuantity = bytes(Arrays.copyOf(value, 16), varint(1L << 40), Arrays.copyOfRange(value, 17, value.length));
        assertEquals("not Avro Order: field 'quantity': int 1099511627776 is outside the range of an int", reason(bigQuantity));
        RecordType flag = new RecordType("Flag", List.of(new RecordField("on", PrimitiveType.BOOLEAN)));
        assertEquals("not Avro Flag: field 'on': a boolean is the byte 0 or 1, not 2", reason(flag, new byte[] {2}));
        assertEquals(Row.of(true), new AvroRowDecoder(flag).decode(new byte[] {1}));
    }
}
