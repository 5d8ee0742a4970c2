// The authoring API's top example, word for word: paid orders to MongoDB,
// per-customer revenue per minute to PostgreSQL and Redis, cancelled orders to Kafka.
import {
  pipeline, kafka, postgres, mongo, redis,
  tumbling, sliding, session, agg, state,
  type Int, type Long, type Timestamp,
} from "tsflink";

// Record types are plain TypeScript. The compiler derives the Avro schema from them.
interface Order {
  orderId: string;
  customerId: string;
  amount: number;                        // double
  quantity: Int;                         // int   (branded number)
  status: "NEW" | "PAID" | "CANCELLED";  // enum
  createdAt: Timestamp;                  // timestamp-millis (branded number, epoch ms)
  coupon?: string;                       // optional -> union with null
  lines: { sku: string; price: number }[];
  shipping: { city: string; country: string };
}

const BIG_ORDER = 500;                   // module-level constants may be used in functions

export default pipeline(
  { name: "orders-analytics", parallelism: 2, checkpoint: { interval: "10s" } },
  (p) => {
    const orders = p.source(
      kafka.source<Order>({
        topic: "orders",
        format: "avro",                    // or "json"
        startFrom: "earliest",             // | "latest" | "committed"
        eventTime: { field: "createdAt", maxOutOfOrderness: "5s", idleness: "1m" },
        deadLetter: kafka.sink({ topic: "orders.dlq" }),   // undecodable records, with reason
      }),
    );

    const paid = orders
      .filter((o) => o.status === "PAID" && o.amount > 0)
      .map((o) => ({
        orderId: o.orderId,
        customerId: o.customerId,
        amount: o.amount,
        big: o.amount >= BIG_ORDER,
        city: o.shipping.city.toUpperCase(),
        coupon: o.coupon ?? "none",
        items: o.lines.length,
        createdAt: o.createdAt,
      }));

    const perCustomer = paid
      .keyBy((o) => o.customerId)
      .window(tumbling("1m"), { allowedLateness: "30s" })
      .aggregate({
        customerId: agg.key(),
        orders: agg.count(),
        revenue: agg.sum((o) => o.amount),
        largest: agg.max((o) => o.amount),
        windowStart: agg.windowStart(),
        windowEnd: agg.windowEnd(),
      });

    perCustomer.to(postgres.sink({ table: "customer_revenue_1m", key: ["customerId", "windowEnd"] }));
    paid.to(mongo.sink({ collection: "paid_orders", id: (o) => o.orderId }));
    perCustomer.to(
      redis.sink({
        key: (r) => `customer:${r.customerId}:revenue`,
        hash: (r) => ({ revenue: r.revenue, orders: r.orders, windowEnd: r.windowEnd }),
        ttl: "1h",
      }),
    );
    orders
      .filter((o) => o.status === "CANCELLED")
      .to(kafka.sink({ topic: "orders.cancelled" }));   // exactly-once by default
  },
);
