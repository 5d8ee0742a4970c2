import { pipeline, kafka, type Int } from "tsflink";

interface Reading {
  sensor: string;
  raw: string;
  celsius: number;
  samples: Int;
  note?: string;
}

const WIDTH = 8;

export default pipeline({ name: "builtins" }, (p) => {
  p.source(kafka.source<Reading>({ topic: "readings", format: "json" }))
    .filter((r) => Number.isFinite(r.celsius) && !Number.isInteger(r.celsius / 0) && r.sensor.indexOf("-") >= 0)
    .map((r) => ({
      prefix: r.sensor.slice(0, 2),
      suffix: r.sensor.slice(-3),
      middle: r.sensor.substring(4, 1),
      tail: r.sensor.substring(2),
      dash: r.sensor.indexOf("-"),
      padded: r.sensor.padStart(WIDTH, "0"),
      spaced: r.sensor.padEnd(WIDTH),
      dotted: r.sensor.padEnd(WIDTH, "."),
      underscored: r.sensor.replace("-", "_"),
      cleaned: r.sensor.replaceAll("-", ""),
      first: r.sensor.charAt(0),
      bar: "=".repeat(r.samples),
      left: r.raw.trimStart(),
      right: r.raw.trimEnd(),
      note: r.note?.slice(1),
      abs: Math.abs(r.celsius),
      rounded: Math.round(r.celsius),
      floor: Math.floor(r.celsius),
      ceil: Math.ceil(r.celsius),
      low: Math.min(r.celsius, 0, r.samples),
      high: Math.max(r.celsius, 100),
      squared: Math.pow(r.celsius, 2),
      root: Math.sqrt(r.samples),
      ln: Math.log(r.samples),
      grown: Math.exp(1),
      whole: Math.trunc(r.celsius),
      sign: Math.sign(r.celsius),
      parsed: Number(r.raw),
      fromBool: Number(r.samples > 3),
      text: String(r.celsius),
      int: parseInt(r.raw),
      hex: parseInt(r.raw, 16),
      float: parseFloat(r.raw),
    }))
    .to(kafka.sink({ topic: "readings.builtins", format: "json" }));
});
