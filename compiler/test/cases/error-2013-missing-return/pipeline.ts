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
    // TypeScript types the items `string | undefined`; the path that falls off the end has no value.
    .map((c) => ({
      userId: c.userId,
      segments: c.url.split("/").map((part) => {
        if (part !== "") {
          return part.toUpperCase();
        } else if (c.durationMs > 0) {
          return "root";
        }
      }),
    }))
    .to(kafka.sink({ topic: "out" }));
});
