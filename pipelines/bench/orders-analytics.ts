import { pipeline, kafka, tumbling, agg, type Int, type Timestamp } from "tsflink";

// pipelines/orders-analytics.ts for `npm run bench`: the same functions, windows and stream
// shape, with every sink a Kafka topic (the PostgreSQL, MongoDB and Redis sinks become
// `bench.examples.orders.<table or collection>`), so the benchmark compares the compiled code with the
// hand-written job (runtime-java/bench-baselines: OrdersAnalyticsJob), not the databases.

interface Order {
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

const BIG_ORDER = 500;

export default pipeline({ name: "bench-orders-analytics", parallelism: 2, checkpoint: { interval: "10s" } }, (p) => {
  const orders = p.source(
    kafka.source<Order>({
      topic: "bench.examples.orders",
      format: "avro",
      startFrom: "earliest",
      eventTime: { field: "createdAt", maxOutOfOrderness: "5s", idleness: "1m" },
      deadLetter: kafka.sink({ topic: "bench.examples.orders.dlq" }),
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

  perCustomer.to(kafka.sink({ topic: "bench.examples.orders.customer_revenue_1m" }));
  paid.to(kafka.sink({ topic: "bench.examples.orders.paid_orders" }));
  perCustomer.to(kafka.sink({ topic: "bench.examples.orders.customer_revenue" }));
  orders
    .filter((o) => o.status === "CANCELLED")
    .to(kafka.sink({ topic: "bench.examples.orders.orders_cancelled" }));
});
