package dev.tsflink.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import java.util.LinkedHashMap;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One UTF-8 JSON object → row, read token by token with a reader tree built once from the record
 * type. Rules (README, kafka-source {@code json}): every field present with the right JSON type,
 * except an optional one ({@code x?: T}; a {@code T | null} field must be present, null or not); integers (a number with no fractional part, within range) for int, long and
 * timestamps; a symbol for enums; unknown fields skipped; a missing optional field is null; for a
 * repeated key the last one wins, as in {@code JSON.parse}. Every error names the field.
 */
public final class JsonRowDecoder implements RowDecoder {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = JsonFactory.builder()
            // Bounds how much a hostile value can make us build.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private final RecordType type;
    private transient Reader reader;

    public JsonRowDecoder(RecordType type) {
        this.type = type;
    }

    @Override
    public Row decode(byte[] value) throws DecodeException {
        if (reader == null) {
            reader = reader(type);
        }
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodeException("the value is not a JSON object");
            }
            Row row = (Row) reader.read(p, "");
            if (p.nextToken() != null) {
                throw new DecodeException("content after the JSON object");
            }
            return row;
        } catch (JsonParseException e) {
            throw new DecodeException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecodeException("not valid JSON: " + e.getMessage());
        }
    }

    /** Reads the value at the current token; {@code path} names it in messages. */
    private interface Reader {
        Object read(JsonParser p, String path) throws IOException, DecodeException;
    }

    private static String field(String path) {
        return "field '" + path + "'";
    }

    private static DecodeException wrongType(String path, String expected, JsonParser p) {
        return new DecodeException(field(path) + ": expected " + expected + ", got " + describe(p.currentToken()));
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static Reader reader(DataType t) {
        if (t instanceof NullableType n) {
            Reader inner = reader(n.inner());
            return (p, path) -> p.currentToken() == JsonToken.VALUE_NULL ? null : inner.read(p, path);
        }
        if (t == PrimitiveType.NULL) {
            return (p, path) -> {
                if (p.currentToken() != JsonToken.VALUE_NULL) {
                    throw wrongType(path, "null", p);
                }
                return null;
            };
        }
        if (t instanceof RecordType r) {
            return recordReader(r);
        }
        if (t instanceof ArrayType a) {
            Reader items = reader(a.items());
            Class<?> component = RowTypes.valueClass(a.items());
            return (p, path) -> {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw wrongType(path, "an array", p);
                }
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(items.read(p, path + "[" + list.size() + "]"));
                }
                return list.toArray((Object[]) Array.newInstance(component, list.size()));
            };
        }
        if (t instanceof MapType m) {
            Reader values = reader(m.values());
            return (p, path) -> {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw wrongType(path, "an object (a map)", p);
                }
                // A key given twice keeps its first position and its last value, as JSON.parse does.
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, values.read(p, path + "." + key));
                }
                return map;
            };
        }
        if (t instanceof EnumType e) {
            return (p, path) -> {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw wrongType(path, "a symbol of " + e.name(), p);
                }
                String s = p.getText();
                int i = e.indexOf(s);
                if (i < 0) {
                    throw new DecodeException(field(path) + ": \"" + s + "\" is not a symbol of " + e.name()
                            + " (" + String.join(", ", e.symbols()) + ")");
                }
                return e.symbols().get(i);
            };
        }
        if (t instanceof TimestampType) {
            return (p, path) -> integer(p, path, -JsSafeIntegers.MAX, JsSafeIntegers.MAX, "a timestamp (epoch milliseconds)", JsSafeIntegers.RANGE);
        }
        switch ((PrimitiveType) t) {
            case STRING:
                return (p, path) -> {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw wrongType(path, "a string", p);
                    }
                    return p.getText();
                };
            case DOUBLE:
                return (p, path) -> {
                    JsonToken tok = p.currentToken();
                    if (tok != JsonToken.VALUE_NUMBER_INT && tok != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw wrongType(path, "a number", p);
                    }
                    double d = p.getDoubleValue();
                    // An integer token has no negative zero: -0 reads as 0, where JSON.parse gives -0.
                    return d == 0 && tok == JsonToken.VALUE_NUMBER_INT && p.getText().startsWith("-") ? -0.0 : d;
                };
            case INT:
                return (p, path) -> (int) integer(p, path, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int", "");
            case LONG:
                return (p, path) -> integer(p, path, -JsSafeIntegers.MAX, JsSafeIntegers.MAX, "a long", JsSafeIntegers.RANGE);
            case BOOLEAN:
                return (p, path) -> {
                    JsonToken tok = p.currentToken();
                    if (tok != JsonToken.VALUE_TRUE && tok != JsonToken.VALUE_FALSE) {
                        throw wrongType(path, "a boolean", p);
                    }
                    return tok == JsonToken.VALUE_TRUE;
                };
            default:
                throw new IllegalStateException("unhandled primitive " + t);
        }
    }

    /** A JSON number with no fractional part ({@code 3}, {@code 3.0}, {@code 3e2}) within range. */
    private static long integer(JsonParser p, String path, long min, long max, String what, String range) throws IOException, DecodeException {
        JsonToken tok = p.currentToken();
        if (tok != JsonToken.VALUE_NUMBER_INT && tok != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(path, what, p);
        }
        BigDecimal d = p.getDecimalValue();
        // Bound the magnitude before converting: 1e999999999 must not become a huge integer.
        boolean integral = d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        if (!integral) {
            throw new DecodeException(field(path) + ": expected " + what + ", got " + p.getText() + " (not an integer)");
        }
        if (d.precision() - d.scale() > 19 || d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new DecodeException(field(path) + ": " + p.getText() + " is outside the range of " + what + range);
        }
        return d.longValueExact();
    }

    private static Reader recordReader(RecordType r) {
        int n = r.fields().size();
        Reader[] fields = new Reader[n];
        boolean[] optional = new boolean[n];
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            DataType ft = r.fields().get(i).type();
            fields[i] = reader(ft);
            optional[i] = r.fields().get(i).optional();
            positions.put(r.fields().get(i).name(), i);
        }
        return (p, path) -> {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw wrongType(path, "an object (" + r.name() + ")", p);
            }
            String prefix = path.isEmpty() ? "" : path + ".";
            Row row = new Row(n);
            boolean[] seen = new boolean[n];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Integer i = positions.get(p.currentName());
                p.nextToken();
                if (i == null) {
                    p.skipChildren();
                    continue;
                }
                row.setField(i, fields[i].read(p, prefix + r.fields().get(i).name()));
                seen[i] = true;
            }
            for (int i = 0; i < n; i++) {
                if (!seen[i] && !optional[i]) {
                    // JSON.parse gives undefined for a missing key, which a T | null field does not allow.
                    throw new DecodeException(field(prefix + r.fields().get(i).name()) + ": missing"
                            + (r.fields().get(i).type().isNullable() ? " (the type allows null, not absent)" : ""));
                }
            }
            return row;
        };
    }
}
