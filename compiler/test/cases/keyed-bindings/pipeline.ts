import { pipeline, kafka, sliding, agg, state, type Timestamp } from "tsflink";

// A keyed stream and a windowed stream bound to consts and used more than once.
interface Reading {
  sensor: string;
  value: number;
  at: Timestamp;
}

const WINDOW = sliding("1m", "10s");

export default pipeline({ name: "sensor-readings" }, (p) => {
  const readings = p.source(kafka.source<Reading>({ topic: "readings", eventTime: { field: "at", maxOutOfOrderness: "2s" } }));
  const bySensor = readings.keyBy((r) => r.sensor);
  const windows = bySensor.window(WINDOW, { allowedLateness: "5s" });
  const stats = windows.aggregate({ sensor: agg.key(), mean: agg.avg((r) => r.value), readings: agg.count() });
  const peaks = windows.aggregate({ sensor: agg.key(), peak: agg.max((r) => r.value), at: agg.windowEnd() });
  const jumps = bySensor.process({
    state: { last: state.value<number | null>(null) },
    onElement(r, s, out, ctx) {
      const last = s.last;
      s.last = r.value;
      if (last !== null && Math.abs(r.value - last) > 10) out.emit({ sensor: ctx.key, from: last, to: r.value, at: ctx.timestamp });
    },
  });
  stats.to(kafka.sink({ topic: "sensor-stats" }));
  peaks.to(kafka.sink({ topic: "sensor-peaks" }));
  jumps.to(kafka.sink({ topic: "sensor-jumps" }));
});
