import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

import type { Stream } from "tsflink";

type Extended<T> = Stream<T> & { sortBy(f: (t: T) => number): Stream<T> };

export default pipeline({ name: "clicks" }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks" })) as Extended<Click>;
  clicks.sortBy((c) => c.at).to(kafka.sink({ topic: "out" }));
});
