import { pipeline, kafka, state } from "tsflink";

/** A payment on `upg.payments`; `upgrade.e2e.test.ts` upgrades this pipeline to `upgrade-v2.ts` while it runs. */
export interface Payment {
  orderId: string;
  customerId: string;
  status: "NEW" | "PAID";
  amount: number;
}

export default pipeline({ name: "upgrade-check", parallelism: 1, checkpoint: { interval: "1s" } }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "upg.payments", format: "json", startFrom: "earliest" }));
  const big = payments.filter((o) => o.status === "PAID" && o.amount > 10);
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
});
