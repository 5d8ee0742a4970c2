import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

const isLong = (c: Click) => c.durationMs > 1000;

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .filter(isLong)
    .map((c) => ({ url: c.url, tags: c.url.split("/").map((part, i) => part + i), ones: c.url.split("/").map(() => 1) }))
    .to(kafka.sink({ topic: "out" }));
});
