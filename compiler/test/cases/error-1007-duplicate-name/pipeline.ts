import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks" }));
  clicks.filter((c) => c.durationMs > 10).to(kafka.sink({ topic: "long" }));
  clicks.filter((c) => c.durationMs > 100).to(kafka.sink({ topic: "long" }));
});
