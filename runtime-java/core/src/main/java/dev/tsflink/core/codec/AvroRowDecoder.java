package dev.tsflink.core.codec;

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
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.types.Row;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Avro binary → row, straight from the bytes with a reader tree built once from the record type
 * (no GenericRecord, no maps). Accepts the Confluent wire format: a value starting with 0x00 and at
 * least 5 bytes long is first tried as magic byte + schema id + Avro, then as plain Avro, because
 * plain Avro may also start with 0x00. Either way every byte must be consumed.
 */
public final class AvroRowDecoder implements RowDecoder {

    private static final long serialVersionUID = 1L;
    private static final int CONFLUENT_HEADER = 5;

    private final RecordType type;
    private transient Reader reader;
    private transient BinaryDecoder decoder;

    public AvroRowDecoder(RecordType type) {
        this.type = type;
    }

    @Override
    public Row decode(byte[] value) throws DecodeException {
        if (reader == null) {
            reader = reader(type);
        }
        if (value.length >= CONFLUENT_HEADER && value[0] == 0) {
            try {
                return decodeFrom(value, CONFLUENT_HEADER);
            } catch (DecodeException framed) {
                try {
                    return decodeFrom(value, 0);
                } catch (DecodeException plain) {
                    throw new DecodeException("not Avro " + type.name() + " with Confluent framing ("
                            + framed.getMessage() + ") nor plain (" + plain.getMessage() + ")");
                }
            }
        }
        try {
            return decodeFrom(value, 0);
        } catch (DecodeException e) {
            throw new DecodeException("not Avro " + type.name() + ": " + e.getMessage());
        }
    }

    private Row decodeFrom(byte[] value, int offset) throws DecodeException {
        decoder = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, decoder);
        Row row;
        try {
            row = (Row) reader.read(decoder, value.length - offset);
            if (!decoder.isEnd()) {
                throw new DecodeException("bytes left over after the record");
            }
        } catch (EOFException e) {
            throw new DecodeException("the value ends before the record does");
        } catch (IOException | RuntimeException e) {
            // AvroRuntimeException for negative lengths and lengths beyond Avro's limits, IOException
            // for malformed variable-length integers.
            throw new DecodeException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return row;
    }

    /** Reads one value; {@code size} is the encoded value's length, to bound array counts. */
    private interface Reader {
        Object read(BinaryDecoder in, int size) throws IOException, DecodeException;
    }

    private static Reader reader(DataType t) {
        if (t instanceof NullableType n) {
            Reader inner = reader(n.inner());
            return (in, size) -> {
                int branch = in.readIndex();
                if (branch == 0) {
                    return null;
                }
                if (branch != 1) {
                    throw new DecodeException("union branch " + branch + " of " + n.describe());
                }
                return inner.read(in, size);
            };
        }
        if (t instanceof RecordType r) {
            Reader[] fields = new Reader[r.fields().size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = reader(r.fields().get(i).type());
            }
            return (in, size) -> {
                Row row = new Row(fields.length);
                for (int i = 0; i < fields.length; i++) {
                    row.setField(i, fields[i].read(in, size));
                }
                return row;
            };
        }
        if (t instanceof ArrayType a) {
            Reader items = reader(a.items());
            Class<?> component = RowTypes.valueClass(a.items());
            boolean itemsTakeBytes = minimumSize(a.items()) > 0;
            return (in, size) -> {
                List<Object> list = new ArrayList<>();
                for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                    // A corrupt count must not make us loop or allocate beyond the value itself.
                    if (n < 0 || (itemsTakeBytes && list.size() + n > size)) {
                        throw new DecodeException("array block of " + n + " items in a " + size + "-byte value");
                    }
                    for (long i = 0; i < n; i++) {
                        list.add(items.read(in, size));
                    }
                }
                return list.toArray((Object[]) Array.newInstance(component, list.size()));
            };
        }
        if (t instanceof MapType m) {
            Reader values = reader(m.values());
            return (in, size) -> {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                long read = 0;
                for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                    // Each entry takes at least its key's length byte: a corrupt count cannot make us loop.
                    if (n < 0 || read + n > size) {
                        throw new DecodeException("map block of " + n + " entries in a " + size + "-byte value");
                    }
                    for (long i = 0; i < n; i++) {
                        String key = in.readString();
                        map.put(key, values.read(in, size));
                    }
                    read += n;
                }
                return map;
            };
        }
        if (t instanceof EnumType e) {
            String[] symbols = e.symbols().toArray(new String[0]);
            return (in, size) -> {
                int i = in.readEnum();
                if (i < 0 || i >= symbols.length) {
                    throw new DecodeException("enum index " + i + " outside " + e.name() + " (" + symbols.length + " symbols)");
                }
                return symbols[i];
            };
        }
        if (t instanceof TimestampType) {
            return (in, size) -> JsSafeIntegers.check(in.readLong(), "timestamp");
        }
        switch ((PrimitiveType) t) {
            case STRING:
                return (in, size) -> in.readString();
            case DOUBLE:
                return (in, size) -> in.readDouble();
            case INT:
                return (in, size) -> in.readInt();
            case LONG:
                return (in, size) -> JsSafeIntegers.check(in.readLong(), "long");
            case BOOLEAN:
                return (in, size) -> in.readBoolean();
            default:
                return (in, size) -> {
                    in.readNull();
                    return null;
                };
        }
    }

    /** The fewest bytes a value of this type takes in Avro binary. */
    private static int minimumSize(DataType t) {
        if (t == PrimitiveType.NULL) {
            return 0;
        }
        if (t instanceof RecordType r) {
            int sum = 0;
            for (var f : r.fields()) {
                sum += minimumSize(f.type());
            }
            return sum;
        }
        return 1;
    }
}
