import { pipeline, kafka, tumbling, sliding, session, agg, type Int, type Timestamp } from "tsflink";

// Sliding and session windows with every aggregator, a late sink, and processing time.
interface Click {
  userId: string;
  page: string;
  durationMs: Int;
  at: Timestamp;
}

export default pipeline({ name: "click-windows" }, (p) => {
  const clicks = p.source(
    kafka.source<Click>({ topic: "clicks", eventTime: { field: "at", maxOutOfOrderness: "1s", idleness: "30s" } }),
  );
  const pages = clicks
    .keyBy((c) => c.page)
    .window(sliding("10m", "1m"), { allowedLateness: "1m", late: kafka.sink({ topic: "clicks.late", format: "avro" }) })
    .aggregate({
      page: agg.key(),
      views: agg.count(),
      visitors: agg.countDistinct((c) => c.userId),
      meanDuration: agg.avg((c) => c.durationMs),
      shortest: agg.min((c) => c.durationMs),
      longest: agg.max((c) => c.durationMs),
      firstUser: agg.first((c) => c.userId),
      lastAt: agg.last((c) => c.at),
      from: agg.windowStart(),
      to: agg.windowEnd(),
    });
  const sessions = clicks
    .keyBy((c) => c.userId)
    .window(session("30m"), { name: "user-sessions" })
    .aggregate({
      userId: agg.key(),
      clicks: agg.count(),
      totalMs: agg.sum((c) => c.durationMs),
      start: agg.windowStart(),
      end: agg.windowEnd(),
    });
  const perMinute = clicks
    .keyBy((c) => c.page)
    .window(tumbling("1m"), { time: "processing" })
    .aggregate({ page: agg.key(), views: agg.count() });
  pages.to(kafka.sink({ topic: "page-stats" }));
  sessions.to(kafka.sink({ topic: "sessions" }));
  perMinute.to(kafka.sink({ topic: "page-views-per-minute" }));
});
