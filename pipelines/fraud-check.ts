import { pipeline, kafka, state, type Out, type Timestamp } from "tsflink";

/** A card payment, as the payment gateway publishes it to the `transactions` topic (Avro). */
export interface Transaction {
  txId: string;
  cardId: string;
  amount: number;
  merchant: string;
  ts: Timestamp;
}

/** Why a payment looks like fraud. */
export interface Alert {
  cardId: string;
  txId: string;
  rule: string;
  amount: number;
  at: Timestamp;
}

/** A payment below this tests whether a stolen card works… */
const SMALL = 1;
/** …and one above this soon after is the real use. */
const LARGE = 500;
const PROBE_MS = 60_000;
/** This many payments of one card within BURST_MS is a burst. */
const BURST_COUNT = 4;
const BURST_MS = 60_000;
/** A card quiet for this long is forgotten (its state cleared by an event-time timer). */
const IDLE_MS = 600_000;

/** The pipeline's input; exported so its test passes records typed as `Transaction`. */
export const transactionSource = kafka.source<Transaction>({
  topic: "transactions",
  format: "avro",
  startFrom: "earliest",
  eventTime: { field: "ts", maxOutOfOrderness: "5s", idleness: "1m" },
});

/**
 * Per card, in the order its payments arrive: a large payment within a minute after a tiny one, and
 * the fourth payment within a minute of the first of a run, raise an alert. Ten minutes of event
 * time without payments clear the card's state, so it cannot grow without bound.
 */
export default pipeline({ name: "fraud-check", parallelism: 2, checkpoint: { interval: "10s" } }, (p) => {
  const transactions = p.source(transactionSource);

  const alerts = transactions.keyBy((t) => t.cardId).process({
    state: {
      lastSmallAt: state.value<number>(0),
      burstStart: state.value<number>(0),
      burstCount: state.value<number>(0),
      lastSeen: state.value<number>(0),
    },
    onElement(t, s, out: Out<Alert>, ctx) {
      if (t.amount < SMALL) {
        s.lastSmallAt = t.ts;
      } else if (t.amount > LARGE && s.lastSmallAt > 0 && t.ts - s.lastSmallAt <= PROBE_MS) {
        out.emit({ cardId: t.cardId, txId: t.txId, rule: "small-then-large", amount: t.amount, at: t.ts });
        s.lastSmallAt = 0;
      }

      if (s.burstCount === 0 || t.ts - s.burstStart >= BURST_MS) {
        s.burstStart = t.ts;
        s.burstCount = 1;
      } else {
        s.burstCount = s.burstCount + 1;
        if (s.burstCount === BURST_COUNT) {
          out.emit({ cardId: t.cardId, txId: t.txId, rule: "burst", amount: t.amount, at: t.ts });
        }
      }

      s.lastSeen = Math.max(s.lastSeen, t.ts);
      ctx.timer(t.ts + IDLE_MS);
    },
    onTimer(at, s) {
      if (at >= s.lastSeen + IDLE_MS) {
        s.lastSmallAt = 0;
        s.burstStart = 0;
        s.burstCount = 0;
        s.lastSeen = 0;
      }
    },
  });

  alerts.to(kafka.sink({ topic: "alerts" }));
});
