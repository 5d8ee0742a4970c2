import type { Long, Timestamp } from "./core-types.js";

export type AggregateOp =
  | "count" | "sum" | "avg" | "min" | "max" | "first" | "last" | "countDistinct" | "key" | "windowStart" | "windowEnd";

/**
 * One field of a window's result: aggregates records of type T, in windows keyed by K, to a value
 * of type R. A descriptor: the compiler reads the `agg.*` call from the source text.
 */
export interface Aggregator<T, K, R> {
  readonly op: AggregateOp;
  /** Carries T, K and R for the type checker only. */
  readonly __types?: { record: (record: T) => void; key: (key: K) => void; result: () => R };
}

/** What `.aggregate({...})` takes: result field names to aggregators. */
export type AggregateSpec<T, K> = Record<string, Aggregator<T, K, unknown>>;

/** The record type an aggregate spec produces: each field has its aggregator's result type. */
export type AggregateResult<S> = { [P in keyof S]: S[P] extends Aggregator<never, never, infer R> ? R : never };

function op<T, K, R>(name: AggregateOp): Aggregator<T, K, R> {
  return { op: name };
}

/** Aggregators for `.window(...).aggregate({...})`. */
export const agg = {
  /** Records in the window. */
  count: (): Aggregator<unknown, unknown, Long> => op("count"),
  /**
   * Exact sum of `fn`, rounded once to a double: the same whatever order records arrive in
   * (`1 + 1e16 - 1e16 + 1` is 2, where adding one by one gives 1).
   */
  sum: <T>(fn: (record: T) => number): Aggregator<T, unknown, number> => op("sum"),
  /** Mean of `fn`: the exact sum (as `sum`) / count. */
  avg: <T>(fn: (record: T) => number): Aggregator<T, unknown, number> => op("avg"),
  /** Smallest value of `fn`, as `Math.min` compares (NaN wins). */
  min: <T, R extends number>(fn: (record: T) => R): Aggregator<T, unknown, R> => op("min"),
  /** Largest value of `fn`, as `Math.max` compares (NaN wins). */
  max: <T, R extends number>(fn: (record: T) => R): Aggregator<T, unknown, R> => op("max"),
  /** `fn` of the record with the smallest timestamp (ties: the first to arrive). */
  first: <T, R>(fn: (record: T) => R): Aggregator<T, unknown, R> => op("first"),
  /** `fn` of the record with the largest timestamp (ties: the last to arrive). */
  last: <T, R>(fn: (record: T) => R): Aggregator<T, unknown, R> => op("last"),
  /** Distinct values of `fn`, compared as SameValueZero. */
  countDistinct: <T>(fn: (record: T) => string | number | boolean): Aggregator<T, unknown, Long> => op("countDistinct"),
  /** The window's key. */
  key: <K>(): Aggregator<unknown, K, K> => op("key"),
  /** The window's start, inclusive. */
  windowStart: (): Aggregator<unknown, unknown, Timestamp> => op("windowStart"),
  /** The window's end, exclusive. */
  windowEnd: (): Aggregator<unknown, unknown, Timestamp> => op("windowEnd"),
} as const;
