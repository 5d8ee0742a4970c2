package dev.tsflink.core.sink;

import dev.tsflink.core.types.RecordType;
import dev.tsflink.core.types.RowTypes;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a sink's input type to bytes and back, with Flink's own serializer of the row type.
 * Serializing a row when it arrives is also how the writer copies it: with object reuse, the row
 * a sink receives may be overwritten by the next record.
 */
public final class RowCodec {

    private final TypeSerializer<Row> serializer;

    public RowCodec(RecordType type) {
        this.serializer = RowTypes.rowTypeInfo(type).createSerializer(new SerializerConfigImpl());
    }

    public void write(Row row, DataOutputSerializer out) {
        try {
            serializer.serialize(row, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toBytes(List<Row> rows) {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (Row row : rows) {
            write(row, out);
        }
        return out.getCopyOfBuffer();
    }

    public List<Row> fromBytes(byte[] bytes, int count) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(serializer.deserialize(in));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes left after " + count + " rows");
        }
        return rows;
    }

    public Row copy(Row row) {
        return serializer.copy(row);
    }
}
