import { pipeline, kafka, tumbling, agg, type Int, type Out, type Timestamp } from "tsflink";

// Every operator kind with a function that fails for one record (or pair, or timer) of several:
// those are the pipeline's dead letters, the other records go on. Each operator reads a field of
// its own, so a test can make exactly one of them fail per record.
interface Reading {
  id: string;
  sensor: string;
  at: Timestamp;
  f: number;
  m: number;
  note?: string;
  k: number;
  w: number;
  j: number;
  p: number;
}
interface Limit {
  sensor: string;
  max: number;
  cap: number;
  at: Timestamp;
}
interface Flag {
  sensor: string;
  count: Int;
}

export const readings = kafka.source<Reading>({ topic: "readings", eventTime: { field: "at" } });
export const limits = kafka.source<Limit>({ topic: "limits", eventTime: { field: "at" } });

export default pipeline({ name: "dead-letters", deadLetter: kafka.sink({ topic: "dead-letters.failed" }) }, (p) => {
  const r = p.source(readings);
  const l = p.source(limits);
  // A negative count is a RangeError.
  const repeated = r.filter((x) => "ab".repeat(x.f).length > 2);
  // Beyond an Int.
  const milli = r.map((x) => ({ id: x.id, milli: (x.m * 1000) as Int }));
  // A null where a string is required.
  const notes = r.flatMap((x) => [{ id: x.id, note: x.note! }]);
  // 0 / 0 is a NaN key.
  const ratios = r.keyBy((x) => x.k / x.k).reduce((x, y) => ({ ...x, k: x.k + y.k }));
  const sums = r
    .keyBy((x) => x.sensor)
    .window(tumbling("1m"))
    .aggregate({ sensor: agg.key(), total: agg.sum((x) => x.w as Int) });
  const over = r
    .keyBy((x) => x.sensor)
    .intervalJoin(l.keyBy((y) => y.sensor), { between: ["-1m", "1m"] }, (x, y) => ({ id: x.id, excess: (x.j * y.max) as Int }));
  const windowed = r
    .keyBy((x) => x.sensor)
    .windowJoin(l.keyBy((y) => y.sensor), tumbling("1m"), (x, y) => ({ id: x.id, cap: y.cap as Int }));
  const flags = r.keyBy((x) => x.sensor).process({
    name: "flags",
    state: {},
    onElement(x, s, out: Out<Flag>, ctx) {
      out.emit({ sensor: x.sensor, count: x.p as Int });
      ctx.timer(x.at + 1000);
    },
    onTimer(at, s, out, ctx) {
      out.emit({ sensor: ctx.key, count: (ctx.key === "s3" ? at / 0 : 1) as Int });
    },
  });
  repeated.to(kafka.sink({ topic: "repeated" }));
  milli.to(kafka.sink({ topic: "milli" }));
  notes.to(kafka.sink({ topic: "notes" }));
  ratios.to(kafka.sink({ topic: "ratios" }));
  sums.to(kafka.sink({ topic: "sums" }));
  over.to(kafka.sink({ topic: "over" }));
  windowed.to(kafka.sink({ topic: "windowed" }));
  flags.to(kafka.sink({ topic: "flags" }));
});
