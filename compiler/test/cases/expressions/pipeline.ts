import { pipeline, kafka, type Int, type Long, type Timestamp } from "tsflink";

interface Reading {
  sensor: string;
  site?: { name: string; region?: string };
  celsius: number;
  samples: Int;
  total: Long;
  at: Timestamp;
  ok: boolean;
  level: "LOW" | "HIGH";
  tags: string[];
}

const OFFSET = 32;
const UNIT = "F";
const STRICT = true;

export default pipeline(
  { name: "expressions", parallelism: 3, checkpoint: { interval: "1m", mode: "at-least-once", timeout: "2m", minPause: "500ms" }, restart: { attempts: 5, delay: "10s" } },
  (p) => {
    const readings = p.source(kafka.source<Reading>({ topic: "readings", startFrom: "latest", groupId: "explicit-group", name: "sensor-readings" }));
    const converted = readings
      .filter((r) => !(r.celsius < -50) && (r.ok || !STRICT) && r.sensor.startsWith("s-") && !r.sensor.endsWith("-x"))
      .filter((r) => r.tags.length > 0 || r.sensor.includes("core"))
      .map((r) => ({
        sensor: r.sensor.trim().toLowerCase(),
        fahrenheit: r.celsius * 9 / 5 + OFFSET,
        label: `${r.sensor}=${r.celsius}${UNIT} (${r.samples} samples, ok=${r.ok})`,
        site: r.site?.name ?? "unknown",
        region: r.site?.region?.toUpperCase(),
        regionLength: r.site?.region?.length,
        parity: r.samples % 2,
        negated: -r.celsius,
        plus: +r.total,
        average: r.samples > 0 ? r.total / r.samples : 0,
        samples: (r.samples + 1) as Int,
        level: r.level,
        grade: r.level === "HIGH" ? "alarm" : "normal",
        fallback: r.sensor || "none",
        both: r.ok && r.samples > 10,
        concat: "id:" + r.sensor + ":" + r.samples,
        at: r.at,
        nested: { min: r.celsius - 1, max: r.celsius + 1 },
      }));
    converted.to(kafka.sink({ topic: "readings.f", format: "avro", guarantee: "at-least-once", parallelism: 1, transactionTimeout: "5m" }));
    converted.filter((c) => c.both).to(kafka.sink({ topic: "readings.alarms", name: "alarms" }));
  },
);
