package dev.tsflink.core.codec;

import dev.tsflink.core.types.ArrayType;
import dev.tsflink.core.types.DataType;
import dev.tsflink.core.types.EnumType;
import dev.tsflink.core.types.MapType;
import dev.tsflink.core.types.NullableType;
import dev.tsflink.core.types.PrimitiveType;
import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import dev.tsflink.core.types.TimestampType;
import org.apache.flink.types.Row;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Avro binary → row, straight from the bytes with a reader tree built once from the record type
 * (no GenericRecord, no maps). Accepts the Confluent wire format: a value starting with 0x00 and at
 * least 5 bytes long is first tried as magic byte + schema id + Avro, then as plain Avro, because
 * plain Avro may also start with 0x00. Either way every byte must be consumed.
 *
 * <p>The bytes are read here rather than by Avro's {@code BinaryDecoder}, which allocates a
 * string or bytes value of the length the data declares before reading it: a 6-byte value
 * declaring a 1.5-billion-byte string runs the TaskManager out of memory, and Avro's only guard
 * ({@code org.apache.avro.limits.*}) is a JVM-wide system property with a fixed size, not the
 * bytes the value has. Here every length and block count is checked against what the rest of the
 * value can hold before anything is allocated, and items that take no bytes at all (nulls, empty
 * records) are limited per value. Every error names the field, as the JSON decoder's do.
 */
public final class AvroRowDecoder implements RowDecoder {

    private static final long serialVersionUID = 1L;
    private static final int CONFLUENT_HEADER = 5;

    /**
     * Array items that take no bytes (a {@code null[]}, an array of records without fields) are
     * not bounded by the value's length: a 3-byte value can declare two billion of them. A value
     * may hold this many in all, which no record type of a pipeline needs.
     */
    static final int MAX_ZERO_BYTE_ITEMS = 100_000;

    private static final String ENDS_EARLY = "the value ends before the record does";

    private final RecordType type;
    private transient Reader reader;

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
        Input in = new Input(value, offset);
        Row row = (Row) reader.read(in, "");
        if (in.pos != value.length) {
            throw new DecodeException("bytes left over after the record");
        }
        return row;
    }

    /** The bytes of one value and how far they are read. */
    private static final class Input {
        final byte[] bytes;
        int pos;
        /** How many more items that take no bytes the value may hold. */
        int zeroByteItems = MAX_ZERO_BYTE_ITEMS;

        Input(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        int left() {
            return bytes.length - pos;
        }

        String bytesLeft() {
            return left() == 1 ? "only 1 byte is" : "only " + left() + " bytes are";
        }

        /** A zig-zag variable-length long, as Avro writes int, long, lengths, counts and indices. */
        long readLong(String path) throws DecodeException {
            long raw = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= bytes.length) {
                    throw new DecodeException(ENDS_EARLY);
                }
                int b = bytes[pos++] & 0xff;
                raw |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new DecodeException(at(path) + "a variable-length integer longer than 10 bytes");
        }

        int readInt(String path, String what) throws DecodeException {
            long v = readLong(path);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new DecodeException(at(path) + what + " " + v + " is outside the range of an int");
            }
            return (int) v;
        }

        double readDouble() throws DecodeException {
            if (left() < 8) {
                throw new DecodeException(ENDS_EARLY);
            }
            long bits = 0;
            for (int i = 7; i >= 0; i--) {
                bits = (bits << 8) | (bytes[pos + i] & 0xff);
            }
            pos += 8;
            return Double.longBitsToDouble(bits);
        }

        boolean readBoolean(String path) throws DecodeException {
            if (pos >= bytes.length) {
                throw new DecodeException(ENDS_EARLY);
            }
            int b = bytes[pos++] & 0xff;
            if (b > 1) {
                throw new DecodeException(at(path) + "a boolean is the byte 0 or 1, not " + b);
            }
            return b == 1;
        }

        String readString(String path) throws DecodeException {
            long length = readLong(path);
            if (length < 0) {
                throw new DecodeException(at(path) + "a string of negative length " + length);
            }
            if (length > left()) {
                throw new DecodeException(at(path) + "a string of " + length + (length == 1 ? " byte" : " bytes") + ", but " + bytesLeft() + " left");
            }
            String s = new String(bytes, pos, (int) length, StandardCharsets.UTF_8);
            pos += (int) length;
            return s;
        }

        /**
         * The item count of the next block of an array or map (0 at its end). A negative count
         * is followed by the block's size in bytes, which is read and not needed. The count is
         * refused unless the bytes left can hold that many items of {@code itemBytes} each.
         */
        long blockCount(String path, String block, int itemBytes) throws DecodeException {
            long n = readLong(path);
            if (n < 0) {
                if (n == Long.MIN_VALUE) {
                    throw new DecodeException(at(path) + block + " block of " + n + " items");
                }
                n = -n;
                long size = readLong(path);
                if (size < 0) {
                    throw new DecodeException(at(path) + block + " block of negative size " + size);
                }
            }
            if (itemBytes > 0) {
                if (n > left() / itemBytes) {
                    throw new DecodeException(at(path) + block + " block of " + n + " items, but " + bytesLeft() + " left");
                }
            } else if (n > zeroByteItems) {
                throw new DecodeException(at(path) + block + " block of " + n + " items that take no bytes; a value may hold "
                        + MAX_ZERO_BYTE_ITEMS + " of those");
            } else {
                zeroByteItems -= (int) n;
            }
            return n;
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    /** Reads one value at {@code path} (the field's name in messages, {@code lines[1].price}). */
    private interface Reader {
        Object read(Input in, String path) throws DecodeException;
    }

    private static Reader reader(DataType t) {
        if (t instanceof NullableType n) {
            Reader inner = reader(n.inner());
            return (in, path) -> {
                long branch = in.readLong(path);
                if (branch == 0) {
                    return null;
                }
                if (branch != 1) {
                    throw new DecodeException(at(path) + "union branch " + branch + " of " + n.describe());
                }
                return inner.read(in, path);
            };
        }
        if (t instanceof RecordType r) {
            Reader[] fields = new Reader[r.fields().size()];
            String[] names = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = reader(r.fields().get(i).type());
                names[i] = r.fields().get(i).name();
            }
            return (in, path) -> {
                String prefix = path.isEmpty() ? "" : path + ".";
                Row row = new Row(fields.length);
                for (int i = 0; i < fields.length; i++) {
                    row.setField(i, fields[i].read(in, prefix + names[i]));
                }
                return row;
            };
        }
        if (t instanceof ArrayType a) {
            Reader items = reader(a.items());
            Class<?> component = RowTypes.valueClass(a.items());
            int itemBytes = minimumSize(a.items());
            return (in, path) -> {
                List<Object> list = new ArrayList<>();
                for (long n = in.blockCount(path, "array", itemBytes); n != 0; n = in.blockCount(path, "array", itemBytes)) {
                    for (long i = 0; i < n; i++) {
                        list.add(items.read(in, path + "[" + list.size() + "]"));
                    }
                }
                return list.toArray((Object[]) Array.newInstance(component, list.size()));
            };
        }
        if (t instanceof MapType m) {
            Reader values = reader(m.values());
            // An entry is its key's length, its key and its value.
            int entryBytes = 1 + minimumSize(m.values());
            return (in, path) -> {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                for (long n = in.blockCount(path, "map", entryBytes); n != 0; n = in.blockCount(path, "map", entryBytes)) {
                    for (long i = 0; i < n; i++) {
                        String key = in.readString(path);
                        map.put(key, values.read(in, path + "." + key));
                    }
                }
                return map;
            };
        }
        if (t instanceof EnumType e) {
            String[] symbols = e.symbols().toArray(new String[0]);
            return (in, path) -> {
                long i = in.readLong(path);
                if (i < 0 || i >= symbols.length) {
                    throw new DecodeException(at(path) + "enum index " + i + " outside " + e.name() + " (" + symbols.length + " symbols)");
                }
                return symbols[(int) i];
            };
        }
        if (t instanceof TimestampType) {
            return (in, path) -> JsSafeIntegers.check(in.readLong(path), path, "timestamp");
        }
        switch ((PrimitiveType) t) {
            case STRING:
                return (in, path) -> in.readString(path);
            case DOUBLE:
                return (in, path) -> in.readDouble();
            case INT:
                return (in, path) -> in.readInt(path, "int");
            case LONG:
                return (in, path) -> JsSafeIntegers.check(in.readLong(path), path, "long");
            case BOOLEAN:
                return (in, path) -> in.readBoolean(path);
            default:
                return (in, path) -> null;
        }
    }

    /** The fewest bytes a value of this type takes in Avro binary. */
    private static int minimumSize(DataType t) {
        if (t == PrimitiveType.NULL) {
            return 0;
        }
        if (t == PrimitiveType.DOUBLE) {
            return 8;
        }
        if (t instanceof RecordType r) {
            long sum = 0;
            for (var f : r.fields()) {
                sum += minimumSize(f.type());
            }
            return (int) Math.min(sum, Integer.MAX_VALUE);
        }
        return 1;
    }
}
