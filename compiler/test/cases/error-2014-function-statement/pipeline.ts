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
      let host = c.url;
      switch (c.url) {
        case "/":
          host = "home";
      }
      return { url: c.url, host };
    })
    .to(kafka.sink({ topic: "out" }));
});
