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
      state: { clicks: state.value(0), pages: state.map<string, number>() },
      onElement(c, s, out) {
        s.clicks = s.clicks + 1;
        const all = s.pages;
        s.pages.set(c.url, 1);
        out.emit({ userId: c.userId, clicks: s.clicks, sent: out.emit({ userId: c.userId, clicks: 0, sent: false }) === undefined });
        return s.clicks;
      },
    })
    .to(kafka.sink({ topic: "out" }));
});
