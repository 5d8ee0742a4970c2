import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks", parallelism: 0 }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks", format: "xml" as "json" })).to(kafka.sink({ topic: "" }));
});
