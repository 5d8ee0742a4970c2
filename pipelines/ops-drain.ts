import { pipeline, kafka, tumbling, agg, type Timestamp } from "tsflink";

/** A click on `ops.clicks`; `operations.e2e.test.ts` stops this job with `--drain`. */
export interface Click {
  user: string;
  at: Timestamp;
}

// Clicks per user and minute: a window fires only when event time passes its end, which
// `stop --savepoint --drain` forces (Flink's MAX_WATERMARK), and a plain stop does not.
export default pipeline({ name: "ops-drain", parallelism: 1, checkpoint: { interval: "2s" } }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "ops.clicks", format: "json", startFrom: "earliest", eventTime: { field: "at", maxOutOfOrderness: "1s" } }));
  const perUser = clicks
    .keyBy((c) => c.user)
    .window(tumbling("1m"))
    .aggregate({ user: agg.key(), clicks: agg.count(), windowEnd: agg.windowEnd() });
  perUser.to(kafka.sink({ topic: "ops.clicks.per-user", format: "json" }));
});
