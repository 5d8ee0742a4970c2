import { pipeline, kafka, state, tumbling, agg, type Int, type Long, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks", eventTime: { field: "at" } }))
    .keyBy((c) => c.userId)
    .process({
      state: { clicks: state.value(0) },
      onElement(c, s, out) {
        s.clicks = s.clicks + 1;
        if (s.clicks > 10) out.emit({ userId: c.userId, clicks: s.clicks });
        else out.emit({ userId: c.userId, url: c.url });
      },
    })
    .to(kafka.sink({ topic: "out" }));
});
