package dev.tsflink.core.codec;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
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
        assertEquals("not Avro Order: the value ends before the record does", reason(Arrays.copyOf(value, value.length - 1)));
        assertEquals("not Avro Order: bytes left over after the record", reason(concat(value, new byte[] {2})));
        assertEquals("not Avro Order: Malformed data. Length is negative: -1", reason(new byte[] {1}));
        assertEquals("not Avro Order: the value ends before the record does", reason(new byte[0]));
    }

    @Test
    void longsBeyondJavaScriptsExactIntegersAreRefused() throws Exception {
        assertEquals(9007199254740991L, new AvroRowDecoder(ORDER).decode(sampleByAvro("o-1", null, 9007199254740991L)).getField(5));
        assertEquals(-9007199254740991L, new AvroRowDecoder(ORDER).decode(sampleByAvro("o-1", null, -9007199254740991L)).getField(5));
        assertEquals("not Avro Order: timestamp 9007199254740992 is outside the range of a timestamp"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(sampleByAvro("o-1", null, 9007199254740992L)));
        assertEquals("not Avro Order: timestamp -9223372036854775808 is outside the range of a timestamp"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(sampleByAvro("o-1", null, Long.MIN_VALUE)));
    }

    @Test
    void badEnumIndexesAndUnionBranchesAreRefused() throws Exception {
        byte[] value = sampleByAvro("o-1", null);
        // orderId "o-1" (4 bytes), customerId "c-1" (4), amount (8), quantity 3 (1): status is at 17.
        byte[] badEnum = value.clone();
        badEnum[17] = 6; // zigzag 3: a fourth symbol
        assertEquals("not Avro Order: enum index 3 outside Order_status (3 symbols)", reason(badEnum));
        // createdAt (6 bytes) follows; then the coupon union's branch index.
        byte[] badBranch = value.clone();
        badBranch[24] = 4; // zigzag 2
        assertEquals("not Avro Order: union branch 2 of [\"null\",\"string\"]", reason(badBranch));
    }

    @Test
    void framedAndPlainFailuresAreBothReported() {
        byte[] value = {0, 0, 0, 0, 1, 2};
        assertEquals("not Avro Order with Confluent framing (the value ends before the record does) "
                + "nor plain (the value ends before the record does)", reason(value));
    }
}
