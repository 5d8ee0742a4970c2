import { pipeline, kafka, tumbling, agg, state, type Timestamp } from "tsflink";

interface Click {
  user: string;
  page: string;
  at: Timestamp;
}

export default pipeline({ name: "clicks", parallelism: 2, checkpoint: { interval: "10s" } }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks", format: "json", eventTime: { field: "at", maxOutOfOrderness: "5s" } }));
  const perUser = clicks
    .keyBy((c) => c.user.toLowerCase())
    .window(tumbling("5m"))
    .aggregate({ user: agg.key(), clicks: agg.count(), windowEnd: agg.windowEnd() });
  perUser.to(kafka.sink({ topic: "clicks.per-user", format: "json" }));
  const streaks = clicks.keyBy((c) => c.user).process({
    state: { seen: state.value<string>("") },
    onElement(c, s, out) {
      s.seen = s.seen + "x";
      if (s.seen.length % 10 === 0) out.emit({ user: c.user, seen: s.seen.length });
    },
  });
  streaks.to(kafka.sink({ topic: "clicks.streaks", format: "json" }));
});
