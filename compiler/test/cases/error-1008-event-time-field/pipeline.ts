import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks", eventTime: { field: "url" } }));
  const timed = p.source(kafka.source<Click>({ topic: "clicks2", eventTime: { field: "referrer" } }));
  clicks.to(kafka.sink({ topic: "out" }));
  timed.to(kafka.sink({ topic: "out2" }));
});
