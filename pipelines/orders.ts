import { pipeline, kafka, mongo, postgres, redis, type Int, type Timestamp } from "tsflink";

/** An order as the shop's checkout service publishes it to the `orders` topic (Avro). */
export interface Order {
  orderId: string;
  customerId: string;
  amount: number;
  quantity: Int;
  status: "NEW" | "PAID" | "CANCELLED";
  createdAt: Timestamp;
  coupon?: string;
  lines: { sku: string; price: number }[];
  shipping: { city: string; country: string };
}

/** Orders at or above this amount are flagged for the fraud team. */
const BIG_ORDER = 500;

export default pipeline({ name: "orders", parallelism: 2, checkpoint: { interval: "5s" } }, (p) => {
  const orders = p.source(
    kafka.source<Order>({
      topic: "orders",
      format: "avro",
      startFrom: "earliest",
      eventTime: { field: "createdAt", maxOutOfOrderness: "5s", idleness: "1m" },
      deadLetter: kafka.sink({ topic: "orders.dlq" }),
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
  paid.to(kafka.sink({ topic: "orders.paid", format: "json" }));
  // Stored exactly once: a row per paid order for SQL analytics, a document per paid order for the
  // order service, and per city a leaderboard of the largest paid orders, the hot value to serve.
  paid.to(postgres.sink({ table: "paid_orders", key: ["orderId"] }));
  paid.to(mongo.sink({ collection: "paid_order_docs", id: (o) => o.orderId }));
  paid.to(
    redis.sink({
      key: (o) => `city:${o.city}:largest-orders`,
      sortedSet: { member: (o) => o.orderId, score: (o) => o.amount },
      ttl: "1d",
    }),
  );

  orders
    .filter((o) => o.status === "CANCELLED")
    .map((o) => ({ orderId: o.orderId, customerId: o.customerId, reason: `cancelled in ${o.shipping.country}` }))
    .to(kafka.sink({ topic: "orders.cancelled", format: "json" }));
});
