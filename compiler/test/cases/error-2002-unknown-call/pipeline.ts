import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

function normalise(url: string): string {
  return url.toLowerCase();
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .map((c) => ({ url: normalise(c.url), padded: c.userId.localeCompare("a") }))
    .to(kafka.sink({ topic: "out" }));
});
