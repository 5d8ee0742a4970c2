import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks" }));
  const perMinute = clicks
    .keyBy((c) => c.userId)
    .window(tumbling("1m"))
    .aggregate({ userId: agg.key(), clicks: agg.count() });
  const reminders = clicks
    .keyBy((c) => c.userId)
    .process({
      state: {},
      onElement(c, s, out, ctx) {
        ctx.timer(c.at + 60_000);
      },
      onTimer(at, s, out, ctx) {
        out.emit({ userId: ctx.key, at });
      },
    });
  perMinute.to(kafka.sink({ topic: "per-minute" }));
  reminders.to(kafka.sink({ topic: "reminders" }));
});
