package dev.tsflink.bench.orders;

import dev.tsflink.bench.kafka.BenchJob;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Avro binary of {@code Order} in the field order the compiler derives from the TypeScript
 * interface (the schema is in the compiled pipeline's {@code .schemas/Order.avsc}), read and written
 * field by field, the way a hand-tuned job avoids GenericRecord.
 */
public final class OrderAvro implements BenchJob.AvroDecoder<Order> {

    private static final long serialVersionUID = 1L;
    static final String[] STATUSES = {"NEW", "PAID", "CANCELLED"};

    private transient BinaryDecoder in;

    @Override
    public Order decode(byte[] value) throws IOException {
        in = DecoderFactory.get().binaryDecoder(value, in);
        Order o = new Order();
        o.orderId = in.readString();
        o.customerId = in.readString();
        o.amount = in.readDouble();
        o.quantity = in.readInt();
        o.status = STATUSES[in.readEnum()];
        o.createdAt = in.readLong();
        o.coupon = in.readIndex() == 0 ? null : in.readString();
        List<Order.OrderLine> lines = new ArrayList<>();
        for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                lines.add(new Order.OrderLine(in.readString(), in.readDouble()));
            }
        }
        o.lines = lines.toArray(new Order.OrderLine[0]);
        o.shipping = new Order.Shipping(in.readString(), in.readString());
        if (!in.isEnd()) {
            throw new IOException("bytes left over after the order");
        }
        return o;
    }

    public static void encode(Order o, BinaryEncoder out) throws IOException {
        out.writeString(o.orderId);
        out.writeString(o.customerId);
        out.writeDouble(o.amount);
        out.writeInt(o.quantity);
        out.writeEnum(List.of(STATUSES).indexOf(o.status));
        out.writeLong(o.createdAt);
        if (o.coupon == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeString(o.coupon);
        }
        out.writeArrayStart();
        out.setItemCount(o.lines.length);
        for (Order.OrderLine line : o.lines) {
            out.startItem();
            out.writeString(line.sku);
            out.writeDouble(line.price);
        }
        out.writeArrayEnd();
        out.writeString(o.shipping.city);
        out.writeString(o.shipping.country);
    }
}
