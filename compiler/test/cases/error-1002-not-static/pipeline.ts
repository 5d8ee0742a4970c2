import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

const topic: string = ["click", "s"].join("");

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic })).to(kafka.sink({ topic: "out" }));
});
