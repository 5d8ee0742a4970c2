import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

const threshold = Number("100");
const limits = { min: 10 };

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .filter((c) => c.durationMs > threshold && c.durationMs > limits.min)
    .to(kafka.sink({ topic: "out" }));
});
