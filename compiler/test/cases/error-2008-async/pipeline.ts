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
    .map(async (c) => ({ url: c.url, ok: (await Promise.resolve(c.durationMs)) > 0 }))
    .to(kafka.sink({ topic: "out" }));
});
