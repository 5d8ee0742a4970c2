import { pipeline, kafka } from "tsflink";

interface Order { orderId: string; amount: number }

// Each refused function is reported once; the streams built on its result are not translated
// against a made-up record type (that gave "'.score' is not a function a pipeline can call").
export default pipeline({ name: "no-cascade" }, (p) => {
  const orders = p.source(kafka.source<Order>({ topic: "orders" }));
  const scored = orders.map((o) => ({ id: o.orderId, score: Date.now() }));
  const big = scored.filter((s) => s.score > 1);
  big.map((s) => ({ id: s.id, n: s.id.length })).to(kafka.sink({ topic: "big" }));
  orders
    .filter((o) => Math.random() > o.amount)
    .map((o) => ({ id: o.orderId, w: o.amount }))
    .keyBy((b) => b.id)
    .reduce((a, b) => ({ id: a.id, w: a.w + b.w }))
    .to(kafka.sink({ topic: "w" }));
});
