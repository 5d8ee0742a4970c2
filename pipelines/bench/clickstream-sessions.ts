import { pipeline, kafka, session, agg } from "tsflink";
import type { Click } from "../clickstream-sessions.js";

// pipelines/clickstream-sessions.ts for `npm run bench`, reading `bench.examples.clicks` and writing
// `bench.examples.clicks.*`; compared with runtime-java/bench-baselines: ClickstreamSessionsJob.
export default pipeline({ name: "bench-clickstream-sessions", parallelism: 2, checkpoint: { interval: "10s" } }, (p) => {
  const clicks = p.source(
    kafka.source<Click>({
      topic: "bench.examples.clicks",
      format: "avro",
      startFrom: "earliest",
      eventTime: { field: "ts", maxOutOfOrderness: "10s", idleness: "1m" },
    }),
  );

  const perSession = clicks
    .keyBy((c) => c.userId)
    .window(session("30m"), { allowedLateness: "5m", late: kafka.sink({ topic: "bench.examples.clicks.late" }) })
    .aggregate({
      userId: agg.key(),
      clicks: agg.count(),
      distinctPages: agg.countDistinct((c) => c.page),
      firstPage: agg.first((c) => c.page),
      lastPage: agg.last((c) => c.page),
      lastClickAt: agg.max((c) => c.ts),
      sessionStart: agg.windowStart(),
    });

  perSession
    .map((s) => ({
      userId: s.userId,
      sessionStart: s.sessionStart,
      clicks: s.clicks,
      distinctPages: s.distinctPages,
      firstPage: s.firstPage,
      lastPage: s.lastPage,
      durationMs: s.lastClickAt - s.sessionStart,
    }))
    .to(kafka.sink({ topic: "bench.examples.clicks.sessions" }));
});
