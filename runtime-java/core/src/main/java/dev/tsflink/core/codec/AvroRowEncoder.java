package dev.tsflink.core.codec;

import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import java.util.Map;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.TimestampType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.types.Row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Row → plain Avro binary (no framing), with a writer tree built once from the record type. */
public final class AvroRowEncoder implements RowEncoder {

    private static final long serialVersionUID = 1L;

    private final RecordType type;
    private transient Writer writer;
    private transient ByteArrayOutputStream buffer;
    private transient BinaryEncoder encoder;

    public AvroRowEncoder(RecordType type) {
        this.type = type;
    }

    @Override
    public byte[] encode(Row row) {
        if (writer == null) {
            writer = writer(type, type.name());
            buffer = new ByteArrayOutputStream(256);
        }
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(encoder, row);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private interface Writer {
        void write(BinaryEncoder out, Object value) throws IOException;
    }

    /** {@code where} names the field in the message of the (programming) error of a bad row. */
    private static Writer writer(DataType t, String where) {
        if (t == PrimitiveType.NULL) {
            return (out, v) -> out.writeNull();
        }
        if (t instanceof NullableType n) {
            Writer inner = writer(n.inner(), where);
            return (out, v) -> {
                if (v == null) {
                    out.writeIndex(0);
                } else {
                    out.writeIndex(1);
                    inner.write(out, v);
                }
            };
        }
        Writer w = nonNullWriter(t, where);
        return (out, v) -> {
            if (v == null) {
                throw new IllegalArgumentException(where + " is null but its type " + t.describe() + " is not optional");
            }
            w.write(out, v);
        };
    }

    private static Writer nonNullWriter(DataType t, String where) {
        if (t instanceof RecordType r) {
            Writer[] fields = new Writer[r.fields().size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = writer(r.fields().get(i).type(), where + "." + r.fields().get(i).name());
            }
            return (out, v) -> {
                Row row = (Row) v;
                for (int i = 0; i < fields.length; i++) {
                    fields[i].write(out, row.getField(i));
                }
            };
        }
        if (t instanceof ArrayType a) {
            Writer items = writer(a.items(), where + "[]");
            return (out, v) -> {
                Object[] array = (Object[]) v;
                out.writeArrayStart();
                out.setItemCount(array.length);
                for (Object item : array) {
                    out.startItem();
                    items.write(out, item);
                }
                out.writeArrayEnd();
            };
        }
        if (t instanceof MapType m) {
            Writer values = writer(m.values(), where + "{}");
            return (out, v) -> {
                Map<?, ?> map = (Map<?, ?>) v;
                out.writeMapStart();
                out.setItemCount(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.startItem();
                    out.writeString((String) e.getKey());
                    values.write(out, e.getValue());
                }
                out.writeMapEnd();
            };
        }
        if (t instanceof EnumType e) {
            return (out, v) -> {
                int i = e.indexOf((String) v);
                if (i < 0) {
                    throw new IllegalArgumentException(where + ": '" + v + "' is not a symbol of " + e.name());
                }
                out.writeEnum(i);
            };
        }
        if (t instanceof TimestampType) {
            return (out, v) -> out.writeLong((Long) v);
        }
        switch ((PrimitiveType) t) {
            case STRING:
                return (out, v) -> out.writeString((String) v);
            case DOUBLE:
                return (out, v) -> out.writeDouble((Double) v);
            case INT:
                return (out, v) -> out.writeInt((Integer) v);
            case LONG:
                return (out, v) -> out.writeLong((Long) v);
            case BOOLEAN:
                return (out, v) -> out.writeBoolean((Boolean) v);
            default:
                throw new IllegalStateException("unhandled primitive " + t);
        }
    }
}
