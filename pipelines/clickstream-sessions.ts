import { pipeline, kafka, session, agg, type Timestamp } from "tsflink";

/** A page view, as the web front end publishes it to the `clicks` topic (Avro). */
export interface Click {
  userId: string;
  page: string;
  ts: Timestamp;
}

/** The pipeline's input; exported so its test passes records typed as `Click`. */
export const clickSource = kafka.source<Click>({
  topic: "clicks",
  format: "avro",
  startFrom: "earliest",
  eventTime: { field: "ts", maxOutOfOrderness: "10s", idleness: "1m" },
});

/**
 * Sessionization: a user's page views less than 30 minutes apart form one session. Clicks up to
 * 10 s out of order are placed where they belong; a click up to 5 minutes after its session closed
 * still updates it (the session is emitted again, corrected); later ones go to `clicks.late`.
 */
export default pipeline({ name: "clickstream-sessions", parallelism: 2, checkpoint: { interval: "10s" } }, (p) => {
  const clicks = p.source(clickSource);

  const perSession = clicks
    .keyBy((c) => c.userId)
    .window(session("30m"), { allowedLateness: "5m", late: kafka.sink({ topic: "clicks.late" }) })
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
    .to(kafka.sink({ topic: "sessions" }));
});
