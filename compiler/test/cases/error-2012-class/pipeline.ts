import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

class Url {
  constructor(readonly text: string) {}
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .map((c) => ({ url: c.url, length: new Url(c.url).text.length }))
    .to(kafka.sink({ topic: "out" }));
});
