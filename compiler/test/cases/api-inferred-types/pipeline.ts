import { pipeline, kafka, state, tumbling, agg, type Out, type Stream, type Long, type Timestamp } from "tsflink";

// Pins the API's inferred types: the annotations below fail to type-check if an inference changes.
interface Reading {
  sensor: string;
  value: number;
  at: Timestamp;
}
interface Alert {
  sensor: string;
  total: number;
}

export default pipeline({ name: "inferred-types" }, (p) => {
  const readings = p.source(kafka.source<Reading>({ topic: "readings", eventTime: { field: "at" } }));
  // `out: Out<Alert>` types the stream a process makes.
  const alerts: Stream<Alert> = readings.keyBy((r) => r.sensor).process({
    state: { total: state.value(0), seen: state.value<Long>(0 as Long) },
    onElement(r, s, out: Out<Alert>) {
      s.total += r.value;
      s.seen = s.seen + 1;
      if (s.seen > 3) out.emit({ sensor: r.sensor, total: s.total });
    },
  });
  // An aggregate's record maps each field to its aggregator's result type.
  const counts: Stream<{ sensor: string; readings: Long; mean: number; end: Timestamp }> = readings
    .keyBy((r) => r.sensor)
    .window(tumbling("1m"))
    .aggregate({ sensor: agg.key(), readings: agg.count(), mean: agg.avg((r) => r.value), end: agg.windowEnd() });
  const summary = counts.map((c) => ({ sensor: c.sensor, label: `${c.readings} readings, mean ${c.mean}` }));
  alerts.to(kafka.sink({ topic: "alerts" }));
  summary.to(kafka.sink({ topic: "summaries" }));
});
