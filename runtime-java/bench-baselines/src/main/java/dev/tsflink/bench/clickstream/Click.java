package dev.tsflink.bench.clickstream;

import dev.tsflink.bench.kafka.BenchJob;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;

/** {@code Click} of pipelines/clickstream-sessions.ts: a page view. */
public class Click {
    public String userId;
    public String page;
    public long ts;

    public Click() {}

    public Click(String userId, String page, long ts) {
        this.userId = userId;
        this.page = page;
        this.ts = ts;
    }

    /** Avro binary in the interface's field order. */
    public static final class Avro implements BenchJob.AvroDecoder<Click> {
        private static final long serialVersionUID = 1L;
        private transient BinaryDecoder in;

        @Override
        public Click decode(byte[] value) throws IOException {
            in = DecoderFactory.get().binaryDecoder(value, in);
            Click c = new Click(in.readString(), in.readString(), in.readLong());
            if (!in.isEnd()) {
                throw new IOException("bytes left over after the click");
            }
            return c;
        }

        public static void encode(Click c, BinaryEncoder out) throws IOException {
            out.writeString(c.userId);
            out.writeString(c.page);
            out.writeLong(c.ts);
        }
    }
}
