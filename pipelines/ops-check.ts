import { pipeline, kafka } from "tsflink";

/** A payment event as JSON on `ops.orders`; the operations test (`operations.e2e.test.ts`) drives it. */
export interface Payment {
  orderId: string;
  status: "NEW" | "PAID";
  amount: number;
}

export default pipeline({ name: "ops-check", parallelism: 1, checkpoint: { interval: "2s" } }, (p) => {
  p.source(kafka.source<Payment>({ topic: "ops.orders", format: "json", startFrom: "earliest" }))
    .filter((o) => o.status === "PAID")
    .map((o) => ({ orderId: o.orderId, cents: o.amount * 100 }))
    .to(kafka.sink({ topic: "ops.paid", format: "json" }));
});
