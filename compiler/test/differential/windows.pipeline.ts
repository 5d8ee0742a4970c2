import { pipeline, kafka, tumbling, sliding, session, agg, type Int, type Long, type Timestamp } from "tsflink";

// Written for differential.test.ts: tumbling, sliding and session windows with every aggregator
// over double, Int, Long, Timestamp, string and boolean values, allowed lateness with and without
// a late sink, and a second window over the first one's results (whose timestamps are end - 1).
// Every window's result has its key in `k`: the test orders each sink's records by it.

interface Event {
  id: Int;
  at: Timestamp;
  user: string;
  amount: number;
  qty: Int;
  big: Long;
  label: string;
}

export default pipeline({ name: "differential-windows", parallelism: 1 }, (p) => {
  const events = p.source(
    kafka.source<Event>({ topic: "differential.events", eventTime: { field: "at", maxOutOfOrderness: "2s" } }),
  );
  // Straight from the source: first/last read the event time from the record's field.
  const perUser = events
    .keyBy((e) => e.user)
    .window(tumbling("10s"), { allowedLateness: "5s", late: kafka.sink({ topic: "differential.late" }) })
    .aggregate({
      k: agg.key(),
      n: agg.count(),
      total: agg.sum((e) => e.amount),
      mean: agg.avg((e) => e.amount * e.qty),
      ratioMin: agg.min((e) => e.amount / e.qty),
      ratioMax: agg.max((e) => e.amount / e.qty),
      qtyMin: agg.min((e) => e.qty),
      qtyMax: agg.max((e) => e.qty),
      bigMin: agg.min((e) => e.big),
      bigMax: agg.max((e) => e.big),
      atMin: agg.min((e) => e.at),
      atMax: agg.max((e) => e.at),
      firstLabel: agg.first((e) => e.label),
      lastLabel: agg.last((e) => `${e.label}#${e.id}`),
      firstId: agg.first((e) => e.id),
      lastAt: agg.last((e) => e.at),
      labels: agg.countDistinct((e) => e.label),
      ratios: agg.countDistinct((e) => e.amount / e.qty),
      qtys: agg.countDistinct((e) => e.qty),
      signs: agg.countDistinct((e) => e.qty > 0),
      ws: agg.windowStart(),
      we: agg.windowEnd(),
    });
  // After a map: first/last need each record's event time carried beside it.
  const scaled = events
    .map((e) => ({ id: e.id, user: e.user.toUpperCase(), scaled: e.amount * 0.1, tag: e.label.slice(0, 2), bucket: e.qty % 3 }))
    .keyBy((s) => s.tag)
    .window(sliding("10s", "5s"), { allowedLateness: "3s" })
    .aggregate({
      k: agg.key(),
      n: agg.count(),
      total: agg.sum((s) => s.scaled),
      mean: agg.avg((s) => s.scaled),
      low: agg.min((s) => s.bucket),
      high: agg.max((s) => s.scaled),
      firstUser: agg.first((s) => s.user),
      lastId: agg.last((s) => s.id),
      users: agg.countDistinct((s) => s.user),
      buckets: agg.countDistinct((s) => s.bucket),
      ws: agg.windowStart(),
      we: agg.windowEnd(),
    });
  const sessions = events
    .filter((e) => e.label !== "skip")
    .keyBy((e) => e.qty)
    .window(session("3s"), { allowedLateness: "4s" })
    .aggregate({
      k: agg.key(),
      n: agg.count(),
      total: agg.sum((e) => e.amount),
      mean: agg.avg((e) => e.amount),
      low: agg.min((e) => e.amount),
      high: agg.max((e) => e.at),
      firstId: agg.first((e) => e.id),
      lastId: agg.last((e) => e.id),
      lastUser: agg.last((e) => e.user),
      users: agg.countDistinct((e) => e.user),
      ws: agg.windowStart(),
      we: agg.windowEnd(),
    });
  // Keyed by a boolean, over results stamped end - 1: sums of counts are exact in any order.
  const rollup = perUser
    .keyBy((w) => w.n > 2)
    .window(tumbling("30s"))
    .aggregate({
      k: agg.key(),
      windows: agg.count(),
      records: agg.sum((w) => w.n),
      widest: agg.max((w) => w.we - w.ws),
      lastEnd: agg.max((w) => w.we),
      keys: agg.countDistinct((w) => w.k),
      ws: agg.windowStart(),
      we: agg.windowEnd(),
    });
  perUser.to(kafka.sink({ topic: "differential.per-user" }));
  scaled.to(kafka.sink({ topic: "differential.scaled" }));
  sessions.to(kafka.sink({ topic: "differential.sessions" }));
  rollup.to(kafka.sink({ topic: "differential.rollup" }));
});
