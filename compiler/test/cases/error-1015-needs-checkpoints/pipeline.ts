import { pipeline, kafka, postgres, tumbling, agg, type Timestamp } from "tsflink";

interface Payment { id: string; account: string; amount: number; at: Timestamp }

// Checkpoints off: every destination that writes exactly-once (the default) could never commit.
// The at-least-once sink is fine.
export default pipeline({ name: "no-checkpoints", checkpoint: { interval: "0s" } }, (p) => {
  const payments = p.source(kafka.source<Payment>({
    topic: "payments",
    eventTime: { field: "at" },
    deadLetter: kafka.sink({ topic: "payments.dlq" }),
  }));
  payments.to(kafka.sink({ topic: "payments.copy" }));
  payments.to(kafka.sink({ topic: "payments.audit", guarantee: "at-least-once" }));
  payments.to(postgres.sink({ table: "payments", key: ["id"] }));
  const perAccount = payments
    .keyBy((x) => x.account)
    .window(tumbling("1m"), { late: kafka.sink({ topic: "payments.late" }) })
    .aggregate({ account: agg.key(), total: agg.sum((x) => x.amount) });
  perAccount.to(kafka.sink({ topic: "payments.totals", guarantee: "at-least-once" }));
});
