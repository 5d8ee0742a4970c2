package dev.tsflink.core.codec;

import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordField;
import dev.tsflink.core.types.RecordType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code Record<string, T>} fields in both formats: Avro maps as Apache Avro writes and reads them,
 * JSON objects decoded in insertion order and written in JavaScript's property order.
 */
class MapCodecTest {

    private static final RecordType COUNTS = new RecordType("Counts", List.of(
            new RecordField("id", PrimitiveType.STRING),
            new RecordField("m", new MapType(new NullableType(PrimitiveType.DOUBLE)))));

    private static LinkedHashMap<String, Double> sample() {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        m.put("b", 1.0);
        m.put("2", 2.5);
        m.put("a", null);
        return m;
    }

    @Test
    void avroMapsAgreeWithApacheAvro() throws Exception {
        Schema schema = AvroSchemas.of(COUNTS);
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", "x");
        record.put("m", sample());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();

        Row decoded = new AvroRowDecoder(COUNTS).decode(out.toByteArray());
        assertEquals(List.of("b", "2", "a"), List.copyOf(((Map<?, ?>) decoded.getField(1)).keySet()));
        assertEquals(sample(), decoded.getField(1));

        byte[] ours = new AvroRowEncoder(COUNTS).encode(Row.of("x", sample()));
        GenericRecord back = new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get().binaryDecoder(ours, null));
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<?, ?>) back.get("m")).forEach((k, v) -> m.put(k.toString(), v));
        assertEquals(sample(), m);
    }

    @Test
    void jsonMapsReadInInsertionOrderAndWriteAsJsonStringify() throws Exception {
        Row decoded = new JsonRowDecoder(COUNTS).decode(
                "{\"id\":\"x\",\"m\":{\"b\":1,\"2\":2.5,\"a\":null,\"b\":3}}".getBytes(StandardCharsets.UTF_8));
        LinkedHashMap<String, Double> expected = sample();
        expected.put("b", 3.0);
        assertEquals(List.of("b", "2", "a"), List.copyOf(((Map<?, ?>) decoded.getField(1)).keySet()),
                "a repeated key keeps its first position and its last value, as JSON.parse does");
        assertEquals(expected, decoded.getField(1));
        // JSON.stringify({b: 3, 2: 2.5, a: null}) in node.
        assertEquals("{\"id\":\"x\",\"m\":{\"2\":2.5,\"b\":3,\"a\":null}}",
                new String(new JsonRowEncoder(COUNTS).encode(decoded), StandardCharsets.UTF_8));
    }
}
