import { pipeline, kafka, state, type Long, type Timestamp } from "tsflink";

// The keyed-state example of PIPELINE_API.md as the page writes it: a statement whose records no
// sink reads. It compiles with warning TSF1012; the test kit returns the records it emits.
interface Paid {
  orderId: string;
  customerId: string;
  amount: number;
  createdAt: Timestamp;
}

export default pipeline({ name: "big-spenders" }, (p) => {
  const paid = p.source(kafka.source<Paid>({ topic: "paid", eventTime: { field: "createdAt" } }));
  paid.keyBy((o) => o.customerId).process({
    state: { total: state.value<number>(0), seen: state.value<Long>(0 as Long) },
    onElement(o, s, out) {
      s.total = s.total + o.amount;
      s.seen = s.seen + 1;
      if (s.total > 10_000) out.emit({ customerId: o.customerId, total: s.total });
    },
  });
});
