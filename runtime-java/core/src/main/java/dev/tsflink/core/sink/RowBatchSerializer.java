package dev.tsflink.core.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/**
 * Version 1: run (modified UTF-8), subtask (int), checkpoint (long), row count (int), the rows'
 * length (int) and bytes. The rows are in the sink's row serializer's format, which follows the
 * sink's input type: a savepoint restores into a job whose sink takes the same record type.
 */
public final class RowBatchSerializer implements SimpleVersionedSerializer<RowBatch> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(RowBatch batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(batch.rows().length + 64);
        out.writeUTF(batch.run());
        out.writeInt(batch.subtask());
        out.writeLong(batch.checkpoint());
        out.writeInt(batch.count());
        out.writeInt(batch.rows().length);
        out.write(batch.rows());
        return out.getCopyOfBuffer();
    }

    @Override
    public RowBatch deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown version " + version + " of a database sink's committable; this harness reads version " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String run = in.readUTF();
        int subtask = in.readInt();
        long checkpoint = in.readLong();
        int count = in.readInt();
        byte[] rows = new byte[in.readInt()];
        in.readFully(rows);
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes left after a database sink's committable");
        }
        return new RowBatch(run, subtask, checkpoint, count, rows);
    }
}
