import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

declare const console: { log(message: string): void };
declare function fetch(url: string): object;

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .filter((c) => {
      console.log(c.url);
      return c.durationMs > 0;
    })
    .map((c) => ({ url: c.url, body: fetch(c.url) !== null }))
    .to(kafka.sink({ topic: "out" }));
});
