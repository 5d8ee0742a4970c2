import { pipeline, kafka, tumbling, sliding, session, agg, type Timestamp } from "tsflink";

interface Reading { sensor: string; value: number; at: Timestamp }

// Values the harness or Flink would refuse when the job starts, refused here at the option.
export default pipeline({ name: "ranges", parallelism: 1e12 }, (p) => {
  const readings = p.source(kafka.source<Reading>({ topic: "readings", eventTime: { field: "at", maxOutOfOrderness: "-5s" } }));
  const idle = p.source(kafka.source<Reading>({ topic: "idle", eventTime: { field: "at", idleness: "0s" } }));
  const late = p.source(kafka.source<Reading>({ topic: "late", eventTime: { field: "at" } }));
  late.to(kafka.sink({ topic: "late.copy", parallelism: 0.5 }));
  const perMinute = late.keyBy((r) => r.sensor).window(tumbling("0s")).aggregate({ n: agg.count() });
  const gaps = late.keyBy((r) => r.sensor).window(sliding("10s", "1m")).aggregate({ n: agg.count() });
  const sessions = late.keyBy((r) => r.sensor).window(session("0s")).aggregate({ n: agg.count() });
  const lateness = late.keyBy((r) => r.sensor).window(tumbling("1m"), { allowedLateness: "-1s" }).aggregate({ n: agg.count() });
  perMinute.to(kafka.sink({ topic: "a" }));
  gaps.to(kafka.sink({ topic: "b" }));
  sessions.to(kafka.sink({ topic: "c" }));
  lateness.to(kafka.sink({ topic: "d" }));
  readings.to(kafka.sink({ topic: "e" }));
  idle.to(kafka.sink({ topic: "f" }));
});
