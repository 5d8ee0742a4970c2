import { pipeline, kafka, type Timestamp } from "tsflink";

// A rolling reduce per key; the function spreads the accumulated record.
interface Payment {
  customerId: string;
  amount: number;
  count: number;
  at: Timestamp;
}

export default pipeline({ name: "running-totals", deadLetter: kafka.sink({ topic: "running-totals.failed" }) }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "payments" }));
  const totals = payments
    .keyBy((x) => x.customerId)
    .reduce((a, b) => ({ ...a, amount: a.amount + b.amount, count: a.count + b.count, at: Math.max(a.at, b.at) as Timestamp }));
  totals.to(kafka.sink({ topic: "running-totals" }));
});
