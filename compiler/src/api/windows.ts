import type { Duration, Sink } from "./core-types.js";

/**
 * Which windows a keyed stream is cut into. Values of this type are descriptors: the compiler
 * reads the call that made them (`tumbling("1m")`) from the source text.
 */
export type WindowAssigner =
  | { readonly kind: "tumbling"; readonly size: Duration }
  | { readonly kind: "sliding"; readonly size: Duration; readonly slide: Duration }
  | { readonly kind: "session"; readonly gap: Duration };

/** Fixed, non-overlapping windows of `size`, aligned to the epoch. */
export function tumbling(size: Duration): WindowAssigner {
  return { kind: "tumbling", size };
}

/** Windows of `size` starting every `slide`: a record falls into `size / slide` of them. */
export function sliding(size: Duration, slide: Duration): WindowAssigner {
  return { kind: "sliding", size, slide };
}

/**
 * A key's records at most `gap` apart form one window (Flink's session windows `[t, t + gap)` merge
 * when they touch, so two records exactly `gap` apart share one).
 */
export function session(gap: Duration): WindowAssigner {
  return { kind: "session", gap };
}

export interface WindowOptions<T> {
  /** How long after a window's end late records still update it; default `"0s"`. */
  allowedLateness?: Duration;
  /** Where records later than that go (a Kafka sink); without it they are counted in a metric. */
  late?: Sink<T>;
  /**
   * `"event"` (the default) assigns records by their event time and needs an event-time source;
   * `"processing"` by the clock of the machine that processes them.
   */
  time?: "event" | "processing";
  /** Operator name and uid seed. */
  name?: string;
}
