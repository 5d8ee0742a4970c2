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
  for (let i = 0; i < 2; i++) {
    clicks.to(kafka.sink({ topic: "out" }));
  }
});
