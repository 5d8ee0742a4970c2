import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

// flatMap (0..n records per input) and union of two streams of one type.
interface Order {
  orderId: string;
  lines: { sku: string; price: number; quantity: Int }[];
  createdAt: Timestamp;
}
interface Return {
  orderId: string;
  sku: string;
  at: Timestamp;
}
interface LineEvent {
  orderId: string;
  sku: string;
  delta: number;
}

export default pipeline({ name: "line-events" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  const returns = p.source(kafka.source<Return>({ topic: "returns" }));
  const sold = orders.flatMap((o): LineEvent[] =>
    o.lines.map((l) => ({ orderId: o.orderId, sku: l.sku, delta: l.quantity })),
  );
  const returned = returns.flatMap((r): LineEvent[] => (r.sku === "" ? [] : [{ orderId: r.orderId, sku: r.sku, delta: -1 }]));
  const all = sold.union(returned);
  all.to(kafka.sink({ topic: "line-events" }));
});
