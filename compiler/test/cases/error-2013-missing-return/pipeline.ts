import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .filter((c): boolean => {
      if (c.durationMs > 0) {
        return true;
      } else if (c.url === "/") {
        return false;
      }
      throw new Error("unexpected");
    })
    .to(kafka.sink({ topic: "out" }));
});
