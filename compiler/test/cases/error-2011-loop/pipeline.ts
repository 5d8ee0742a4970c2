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
    .map((c) => {
      const parts = c.url.split("/");
      for (const part of parts) {
        if (part === "admin") return { url: c.url, admin: true };
      }
      return { url: c.url, admin: false };
    })
    .to(kafka.sink({ topic: "out" }));
});
