import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "Click Stream" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" })).to(kafka.sink({ topic: "out" }));
});
