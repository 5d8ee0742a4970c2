import { pipeline, kafka, state } from "tsflink";

/** A payment on `upg.payments`; `upgrade.e2e.test.ts` upgrades `upgrade-v1.ts` to this version while it runs. */
export interface Payment {
  orderId: string;
  customerId: string;
  status: "NEW" | "PAID";
  amount: number;
}

// The new version: a higher threshold for `big`, and a new sink for payments still pending.
export default pipeline({ name: "upgrade-check", parallelism: 1, checkpoint: { interval: "1s" } }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "upg.payments", format: "json", startFrom: "earliest" }));
  const big = payments.filter((o) => o.status === "PAID" && o.amount > 50);
  big.to(kafka.sink({ topic: "upg.big", format: "json" }));
  // Keyed state that must survive the upgrade: each customer's running total of big payments.
  const totals = big.keyBy((o) => o.customerId).process({
    state: { total: state.value<number>(0) },
    onElement(o, s, out) {
      s.total = s.total + o.amount;
      out.emit({ customerId: o.customerId, total: s.total });
    },
  });
  totals.to(kafka.sink({ topic: "upg.totals", format: "json" }));
  const pending = payments.filter((o) => o.status === "NEW");
  pending.to(kafka.sink({ topic: "upg.pending", format: "json" }));
});
