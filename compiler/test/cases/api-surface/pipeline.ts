import { pipeline, kafka, tumbling, type Int, type Timestamp } from "tsflink";

// The snippets of "The rest of the surface" on PIPELINE_API.md, written as one pipeline.
interface Order {
  orderId: string;
  customerId: string;
  amount: number;
  quantity: Int;
  createdAt: Timestamp;
  lines: { sku: string; price: number }[];
}
interface Payment {
  orderId: string;
  method: string;
  paidAt: Timestamp;
}

export default pipeline({ name: "api-surface" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders", eventTime: { field: "createdAt", maxOutOfOrderness: "500ms" } }));
  const payments = p.source(kafka.source<Payment>({ topic: "payments", eventTime: { field: "paidAt" } }));
  const moreOrders = p.source(kafka.source<Order>({ topic: "orders-eu", eventTime: { field: "createdAt" } }));

  const skus = orders.flatMap((o) => o.lines.map((l) => ({ orderId: o.orderId, sku: l.sku })));
  const running = orders.keyBy((o) => o.customerId).reduce((a, b) => ({ ...a, amount: a.amount + b.amount }));
  const paidSoon = orders
    .keyBy((o) => o.orderId)
    .intervalJoin(payments.keyBy((x) => x.orderId), { between: ["-5m", "0s"] }, (l, r) => ({ orderId: l.orderId, method: r.method }));
  const paidInWindow = orders
    .keyBy((o) => o.orderId)
    .windowJoin(payments.keyBy((x) => x.orderId), tumbling("1m"), (l, r) => ({ orderId: l.orderId, amount: l.amount, method: r.method }));
  const everywhere = orders.union(moreOrders);

  skus.to(kafka.sink({ topic: "skus", name: "skus-out", parallelism: 2, guarantee: "at-least-once" }));
  running.to(kafka.sink({ topic: "running" }));
  paidSoon.to(kafka.sink({ topic: "paid-soon" }));
  paidInWindow.to(kafka.sink({ topic: "paid-in-window" }));
  everywhere.to(kafka.sink({ topic: "all-orders" }));
});
