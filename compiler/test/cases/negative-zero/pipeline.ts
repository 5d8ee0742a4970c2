import { pipeline, kafka } from "tsflink";

// Negative zero in functions: the graph writes it as -0.0 so the harness keeps its sign.
interface Reading {
  id: string;
  value: number;
}

const NEGATIVE_ZERO = -0;

export default pipeline({ name: "negative-zero" }, (p) => {
  p.source(kafka.source<Reading>({ topic: "readings" }))
    .map((r) => ({ id: r.id, literal: String(1 / -0), constant: String(1 / NEGATIVE_ZERO), zero: String(1 / 0), scaled: r.value * -0 }))
    .to(kafka.sink({ topic: "signs" }));
});
