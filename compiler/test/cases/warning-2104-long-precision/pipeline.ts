import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

interface Reading {
  sensor: string;
  ticks: Long;
  scale: Long;
}

export default pipeline({ name: "readings" }, (p) => {
  p.source(kafka.source<Reading>({ topic: "readings" }))
    .map((r) => ({ sensor: r.sensor, scaled: (r.ticks * r.scale) as Long, next: (r.ticks + 1) as Long }))
    .to(kafka.sink({ topic: "scaled" }));
});
