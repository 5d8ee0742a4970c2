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
      state: { lastClickAt: state.map<Timestamp, string>() },
      onElement(c, s, out) {
        s.lastClickAt.set(c.at, c.url);
        out.emit({ userId: c.userId, url: c.url });
      },
    })
    .to(kafka.sink({ topic: "out" }));
});
