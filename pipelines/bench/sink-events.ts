import type { Int } from "tsflink";

/** The record every sink benchmark writes (scripts/bench-sinks.mjs). */
export interface BenchEvent {
  eventId: string;
  seq: Int;
  customer: string;
  amount: number;
  note: string;
}

/** The i-th benchmark record; the plain clients write exactly these. */
export function benchEvent(i: number): BenchEvent {
  return {
    eventId: `b-${String(i).padStart(8, "0")}`,
    seq: i as Int,
    customer: `c-${i % 5000}`,
    amount: (i % 10_007) / 8,
    note: `event ${i} of the sink benchmark`,
  };
}
