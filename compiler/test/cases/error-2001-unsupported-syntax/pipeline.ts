import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .filter((c) => c.url == "/home")
    .map((c) => ({ url: c.url, kind: typeof c.referrer, shifted: c.durationMs << 2, parts: [...c.url.split("/")] }))
    .to(kafka.sink({ topic: "out" }));
});
