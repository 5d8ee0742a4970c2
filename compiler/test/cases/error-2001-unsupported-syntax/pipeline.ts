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
    .map((c) => ({ ...c, first: [c.url], host: c.url.split("/")[0] ?? "" }))
    .to(kafka.sink({ topic: "out" }));
});
