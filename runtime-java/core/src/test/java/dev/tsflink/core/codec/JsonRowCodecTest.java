package dev.tsflink.core.codec;

import dev.tsflink.core.RepoFiles;
import dev.tsflink.core.graph.JobGraphLoader;
import dev.tsflink.core.types.RecordType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.tsflink.core.codec.OrdersFixture.ORDER;
import static dev.tsflink.core.codec.OrdersFixture.order;
import static dev.tsflink.core.codec.OrdersFixture.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JSON rules of the README's kafka-source and kafka-sink, for the Order type of orders-basic. */
class JsonRowCodecTest {

    private static final String SAMPLE = "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":120.5,\"quantity\":3,"
            + "\"status\":\"PAID\",\"createdAt\":1700000000000,\"coupon\":null,"
            + "\"lines\":[{\"sku\":\"sku-1\",\"price\":40.5},{\"sku\":\"sku-2\",\"price\":80}],"
            + "\"shipping\":{\"city\":\"Lyon\",\"country\":\"FR\"}}";

    private static Row decode(String json) throws DecodeException {
        return new JsonRowDecoder(ORDER).decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(String json) {
        return assertThrows(DecodeException.class, () -> decode(json)).getMessage();
    }

    /** The sample with one member's JSON text replaced (or removed, when {@code json} is null). */
    private static String with(String member, String json) {
        String start = "\"" + member + "\":";
        int from = SAMPLE.indexOf(start);
        int depth = 0;
        int end = from + start.length();
        for (; end < SAMPLE.length(); end++) {
            char c = SAMPLE.charAt(end);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        if (json == null) {
            boolean last = SAMPLE.charAt(end) == '}';
            return last ? SAMPLE.substring(0, from - 1) + SAMPLE.substring(end) : SAMPLE.substring(0, from) + SAMPLE.substring(end + 1);
        }
        return SAMPLE.substring(0, from) + start + json + SAMPLE.substring(end);
    }

    @Test
    void decodesARecord() throws Exception {
        assertEquals(sample(), decode(SAMPLE));
        assertEquals(Row[].class, decode(SAMPLE).getField(7).getClass());
    }

    @Test
    void missingOptionalIsNullAndUnknownFieldsAreIgnored() throws Exception {
        String json = with("coupon", null).replace("{\"orderId\"", "{\"extra\":{\"deep\":[1,{\"x\":null}]},\"orderId\"");
        assertEquals(sample(), decode(json));
    }

    @Test
    void integralNumbersAreAcceptedForIntegersInAnyNotation() throws Exception {
        assertEquals(3, decode(with("quantity", "3.0")).getField(3));
        assertEquals(1_700_000_000_000L, decode(with("createdAt", "1.7e12")).getField(5));
        assertEquals(0, decode(with("quantity", "-0")).getField(3));
    }

    @Test
    void negativeZeroKeepsItsSignAsJsonParseDoes() throws Exception {
        for (String zero : new String[] {"-0", "-0.0", "-0e5", "-0E-3"}) {
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) decode(with("amount", zero)).getField(2)), zero);
        }
        for (String zero : new String[] {"0", "0.0", "0e5"}) {
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits((Double) decode(with("amount", zero)).getField(2)), zero);
        }
    }

    @Test
    void aNullableFieldMustBePresentOnlyAnOptionalOneMayBeLeftOut() throws Exception {
        // compiler/test/cases/language-subset: `user?: string`, `referrer: string | null`.
        RecordType event = (RecordType) JobGraphLoader.load(RepoFiles.read("compiler/test/cases/language-subset/expected.json"))
                .types().get("Event");
        JsonRowDecoder decoder = new JsonRowDecoder(event);
        String rest = "\"scores\":[],\"counters\":{},\"price\":{\"value\":1,\"tags\":[]},\"path\":\"/\",\"at\":0,\"sequence\":1}";
        Row present = decoder.decode(("{\"id\":\"e\",\"referrer\":null," + rest).getBytes(StandardCharsets.UTF_8));
        assertEquals(null, present.getField(event.indexOf("user")));
        assertEquals(null, present.getField(event.indexOf("referrer")));
        assertEquals("field 'referrer': missing (the type allows null, not absent)",
                assertThrows(DecodeException.class, () -> decoder.decode(("{\"id\":\"e\"," + rest).getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void missingFieldIsNamed() {
        assertEquals("field 'customerId': missing", reason(with("customerId", null)));
        assertEquals("field 'shipping.country': missing", reason(with("shipping", "{\"city\":\"Lyon\"}")));
    }

    @Test
    void wrongTypesAreNamed() {
        assertEquals("field 'amount': expected a number, got a string", reason(with("amount", "\"120.5\"")));
        assertEquals("field 'orderId': expected a string, got null", reason(with("orderId", "null")));
        assertEquals("field 'lines[1].price': expected a number, got a boolean",
                reason(with("lines", "[{\"sku\":\"a\",\"price\":1},{\"sku\":\"b\",\"price\":true}]")));
        assertEquals("field 'lines': expected an array, got an object", reason(with("lines", "{}")));
        assertEquals("field 'shipping': expected an object (Order_shipping), got an array", reason(with("shipping", "[]")));
        assertEquals("field 'coupon': expected a string, got a number", reason(with("coupon", "10")));
    }

    @Test
    void integersMustBeIntegralAndInRange() {
        assertEquals("field 'quantity': expected an int, got 1.5 (not an integer)", reason(with("quantity", "1.5")));
        assertEquals("field 'quantity': 2147483648 is outside the range of an int", reason(with("quantity", "2147483648")));
        assertEquals("field 'createdAt': 1e400 is outside the range of a timestamp (epoch milliseconds)"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(with("createdAt", "1e400")));
        // JSON.parse would round 9007199254740993 to 9007199254740992 without a word.
        assertEquals("field 'createdAt': 9007199254740993 is outside the range of a timestamp (epoch milliseconds)"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(with("createdAt", "9007199254740993")));
        assertEquals("field 'createdAt': -9007199254740992 is outside the range of a timestamp (epoch milliseconds)"
                + " (±9007199254740991, the integers a JavaScript number holds exactly)", reason(with("createdAt", "-9007199254740992")));
        assertEquals("field 'createdAt': expected a timestamp (epoch milliseconds), got a string",
                reason(with("createdAt", "\"2024-01-01T00:00:00Z\"")));
    }

    @Test
    void enumsTakeASymbol() {
        assertEquals("field 'status': \"SHIPPED\" is not a symbol of Order_status (NEW, PAID, CANCELLED)",
                reason(with("status", "\"SHIPPED\"")));
        assertEquals("field 'status': expected a symbol of Order_status, got a number", reason(with("status", "1")));
    }

    @Test
    void theValueMustBeOneJsonObject() {
        assertEquals("the value is not a JSON object", reason("[1,2]"));
        assertEquals("the value is not a JSON object", reason(""));
        assertEquals("content after the JSON object", reason(SAMPLE + " {}"));
        assertEquals("not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])",
                reason("{\"orderId\":\"o-1\""));
    }

    @Test
    void encodesAsJavaScriptWould() {
        Row row = order("o-\"1\"", "ü", 500.0, 3, "PAID", 1_700_000_000_000L, null,
                new Row[] {Row.of("a", 0.1), Row.of("b", 1e21)}, Row.of("Lyon", "FR"));
        assertEquals("{\"orderId\":\"o-\\\"1\\\"\",\"customerId\":\"ü\",\"amount\":500,\"quantity\":3,\"status\":\"PAID\","
                + "\"createdAt\":1700000000000,\"coupon\":null,\"lines\":[{\"sku\":\"a\",\"price\":0.1},"
                + "{\"sku\":\"b\",\"price\":1e+21}],\"shipping\":{\"city\":\"Lyon\",\"country\":\"FR\"}}",
                new String(new JsonRowEncoder(ORDER).encode(row), StandardCharsets.UTF_8));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullLikeJsonStringify() {
        Row row = sample();
        row.setField(2, Double.NaN);
        String json = new String(new JsonRowEncoder(ORDER).encode(row), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"amount\":null,"), json);
    }

    @Test
    void roundTrips() throws Exception {
        assertEquals(sample(), decode(new String(new JsonRowEncoder(ORDER).encode(sample()), StandardCharsets.UTF_8)));
    }
}
