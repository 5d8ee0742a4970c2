import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .map((c) => ({ url: c.url, limit: 3_000_000_000 as Int, big: 1e19 as Long }))
    .to(kafka.sink({ topic: "out" }));
});
