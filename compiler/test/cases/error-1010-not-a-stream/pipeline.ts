import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

import type { Stream } from "tsflink";

declare const elsewhere: Stream<Click>;

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" })).to(kafka.sink({ topic: "out" }));
  elsewhere.to(kafka.sink({ topic: "out2" }));
});
