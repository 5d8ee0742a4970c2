package dev.tsflink.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tsflink.core.expr.Js;
import dev.tsflink.core.expr.JsArrays;
import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import java.util.Map;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Row → one UTF-8 JSON object, as {@code JSON.stringify} would write the record in JavaScript:
 * fields in declaration order, numbers in JavaScript's shortest form ({@code 500}, not
 * {@code 500.0}), {@code NaN} and infinities as {@code null}, timestamps as epoch-ms integers,
 * enums as their symbol, {@code null} for absent optionals.
 */
public final class JsonRowEncoder implements RowEncoder {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final RecordType type;
    private transient Writer writer;
    private transient ByteArrayOutputStream buffer;

    public JsonRowEncoder(RecordType type) {
        this.type = type;
    }

    @Override
    public byte[] encode(Row row) {
        if (writer == null) {
            writer = writer(type);
            buffer = new ByteArrayOutputStream(256);
        }
        buffer.reset();
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            writer.write(g, row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private interface Writer {
        void write(JsonGenerator g, Object value) throws IOException;
    }

    /** One value of a type as JSON text. */
    @FunctionalInterface
    public interface ValueWriter {
        String toJson(Object value);
    }

    /**
     * JSON of a value of {@code type} (a record, array, map or scalar) exactly as {@link #encode}
     * writes it as a field: a {@code postgres-sink} stores records, arrays and maps so in jsonb.
     */
    public static ValueWriter valueWriter(DataType type) {
        Writer w = writer(type);
        return value -> {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                w.write(g, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        };
    }

    private static Writer writer(DataType t) {
        Writer w = nonNullWriter(t.nonNull());
        return (g, v) -> {
            if (v == null) {
                g.writeNull();
            } else {
                w.write(g, v);
            }
        };
    }

    private static Writer nonNullWriter(DataType t) {
        if (t instanceof RecordType r) {
            int n = r.fields().size();
            Writer[] fields = new Writer[n];
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                fields[i] = writer(r.fields().get(i).type());
                names[i] = r.fields().get(i).name();
            }
            return (g, v) -> {
                Row row = (Row) v;
                g.writeStartObject();
                for (int i = 0; i < n; i++) {
                    g.writeFieldName(names[i]);
                    fields[i].write(g, row.getField(i));
                }
                g.writeEndObject();
            };
        }
        if (t instanceof ArrayType a) {
            Writer items = writer(a.items());
            return (g, v) -> {
                Object[] array = (Object[]) v;
                g.writeStartArray();
                for (Object item : array) {
                    items.write(g, item);
                }
                g.writeEndArray();
            };
        }
        if (t instanceof MapType m) {
            Writer values = writer(m.values());
            return (g, v) -> {
                Map<?, ?> map = (Map<?, ?>) v;
                g.writeStartObject();
                // JSON.stringify's order: array-index keys first, ascending, then insertion order.
                for (String key : JsArrays.keys(map)) {
                    g.writeFieldName(key);
                    values.write(g, map.get(key));
                }
                g.writeEndObject();
            };
        }
        if (t instanceof EnumType || t == PrimitiveType.STRING) {
            return (g, v) -> g.writeString((String) v);
        }
        if (t instanceof TimestampType || t == PrimitiveType.LONG) {
            return (g, v) -> g.writeNumber((Long) v);
        }
        switch ((PrimitiveType) t) {
            case DOUBLE:
                return (g, v) -> {
                    double d = (Double) v;
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        g.writeNull();
                    } else {
                        g.writeNumber(Js.numberToString(d));
                    }
                };
            case INT:
                return (g, v) -> g.writeNumber((Integer) v);
            case BOOLEAN:
                return (g, v) -> g.writeBoolean((Boolean) v);
            default:
                return (g, v) -> g.writeNull();
        }
    }
}
