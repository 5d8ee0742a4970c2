package dev.tsflink.bench.fraud;

import dev.tsflink.bench.kafka.BenchJob;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;

/** {@code Transaction} of pipelines/fraud-check.ts: one card payment. */
public class Transaction {
    public String txId;
    public String cardId;
    public double amount;
    public String merchant;
    public long ts;

    public Transaction() {}

    public Transaction(String txId, String cardId, double amount, String merchant, long ts) {
        this.txId = txId;
        this.cardId = cardId;
        this.amount = amount;
        this.merchant = merchant;
        this.ts = ts;
    }

    /** Avro binary in the interface's field order. */
    public static final class Avro implements BenchJob.AvroDecoder<Transaction> {
        private static final long serialVersionUID = 1L;
        private transient BinaryDecoder in;

        @Override
        public Transaction decode(byte[] value) throws IOException {
            in = DecoderFactory.get().binaryDecoder(value, in);
            Transaction t = new Transaction(in.readString(), in.readString(), in.readDouble(), in.readString(), in.readLong());
            if (!in.isEnd()) {
                throw new IOException("bytes left over after the transaction");
            }
            return t;
        }

        public static void encode(Transaction t, BinaryEncoder out) throws IOException {
            out.writeString(t.txId);
            out.writeString(t.cardId);
            out.writeDouble(t.amount);
            out.writeString(t.merchant);
            out.writeLong(t.ts);
        }
    }
}
