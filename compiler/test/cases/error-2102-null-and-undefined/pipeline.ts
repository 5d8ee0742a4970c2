import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

interface Visit {
  userId: string;
  referrer?: string | null;
}

export default pipeline({ name: "visits" }, (p) => {
  p.source(kafka.source<Visit>({ topic: "visits" }))
    .to(kafka.sink({ topic: "out" }));
});
