import { pipeline, kafka, state, type Out, type Timestamp } from "tsflink";

// Keyed state with a map state, timers and a declared output type.
interface Payment {
  paymentId: string;
  cardId: string;
  merchant: string;
  amount: number;
  at: Timestamp;
}

interface Alert {
  cardId: string;
  reason: "BURST" | "NEW_MERCHANTS";
  payments: number;
  at: Timestamp;
}

const WINDOW_MS = 60_000;
const MAX_PAYMENTS = 5;

export default pipeline({ name: "fraud-check" }, (p) => {
  const payments = p.source(
    kafka.source<Payment>({ topic: "payments", eventTime: { field: "at", maxOutOfOrderness: "2s" } }),
  );
  const alerts = payments.keyBy((x) => x.cardId).process({
    name: "card-activity",
    state: {
      count: state.value(0),
      firstAt: state.value<Timestamp | null>(null),
      merchants: state.map<string, number>(),
    },
    onElement(payment, s, out: Out<Alert>, ctx) {
      if (s.firstAt === null) {
        s.firstAt = ctx.timestamp;
        ctx.timer(ctx.timestamp + WINDOW_MS);
      }
      s.count += 1;
      const seen = s.merchants.get(payment.merchant) ?? 0;
      s.merchants.set(payment.merchant, seen + 1);
      if (s.count === MAX_PAYMENTS) {
        out.emit({ cardId: ctx.key, reason: "BURST", payments: s.count, at: ctx.timestamp });
        return;
      }
      if (!s.merchants.has("trusted") && seen === 0 && s.count > 2) {
        out.emit({ cardId: payment.cardId, reason: "NEW_MERCHANTS", payments: s.count, at: payment.at });
      }
    },
    onTimer(at, s, out, ctx) {
      if (s.count >= MAX_PAYMENTS - 1) out.emit({ cardId: ctx.key, reason: "BURST", payments: s.count, at });
      s.count = 0;
      s.firstAt = null;
      s.merchants.delete("trusted");
      s.merchants.clear();
    },
  });
  alerts.to(kafka.sink({ topic: "alerts", format: "json" }));
});
