package dev.tsflink.core.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Version 1: the run (modified UTF-8). */
public final class SinkWriterStateSerializer implements SimpleVersionedSerializer<SinkWriterState> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SinkWriterState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(state.run());
        return out.getCopyOfBuffer();
    }

    @Override
    public SinkWriterState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown version " + version + " of a database sink's writer state; this harness reads version " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        SinkWriterState state = new SinkWriterState(in.readUTF());
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes left after a database sink's writer state");
        }
        return state;
    }
}
