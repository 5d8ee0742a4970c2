import type { AggregateResult, AggregateSpec } from "./aggregates.js";
import type { Duration, Sink, Source } from "./core-types.js";
import type { ProcessSpec, StateDecls } from "./state.js";
import type { WindowAssigner, WindowOptions } from "./windows.js";

/** Types a key function may return. */
export type KeyValue = string | number | boolean;

/** A stream of records of type T; every call describes a new node in the job graph. */
export interface Stream<T> {
  /** Keeps the records for which `predicate` is true. */
  filter(predicate: (record: T) => boolean): Stream<T>;
  /** Turns each record into exactly one new record. */
  map<R extends object>(fn: (record: T) => R): Stream<R>;
  /** Turns each record into 0..n records, emitted in order. */
  flatMap<R extends object>(fn: (record: T) => readonly R[]): Stream<R>;
  /** Partitions the stream by `fn`'s value, for keyed operations. */
  keyBy<K extends KeyValue>(fn: (record: T) => K): KeyedStream<T, K>;
  /** Merges streams of the same type. */
  union(...others: Stream<T>[]): Stream<T>;
  /** Writes every record to `sink`. */
  to(sink: Sink<T>): void;
}

export interface IntervalJoinOptions {
  /** Bounds of `right.time - left.time`, both inclusive, e.g. `["-5m", "0s"]`. */
  between: readonly [Duration, Duration];
  /** Operator name and uid seed. */
  name?: string;
}

/** A stream partitioned by a key of type K. */
export interface KeyedStream<T, K> {
  /** Rolling reduce per key: emits the first record, then `fn(previous, record)` for each next one. */
  reduce(fn: (accumulated: T, record: T) => T): Stream<T>;
  /** Cuts each key's records into windows. */
  window(window: WindowAssigner, options?: WindowOptions<T>): WindowedStream<T, K>;
  /** Keyed state and timers; the handlers are compiled like every other function. */
  process<S extends StateDecls, O = unknown>(spec: ProcessSpec<T, K, S, O>): Stream<O>;
  /** Pairs of records with equal keys whose times are within `between` of each other. */
  intervalJoin<U, R extends object>(other: KeyedStream<U, K>, options: IntervalJoinOptions, fn: (left: T, right: U) => R): Stream<R>;
  /** Pairs of records with equal keys in the same window. */
  windowJoin<U, R extends object>(other: KeyedStream<U, K>, window: WindowAssigner, fn: (left: T, right: U) => R): Stream<R>;
}

/** A keyed stream cut into windows. */
export interface WindowedStream<T, K> {
  /** One record per key and window, with one field per aggregator of `spec`. */
  aggregate<S extends AggregateSpec<T, K>>(spec: S): Stream<{ [P in keyof S]: AggregateResult<S>[P] }>;
}

/** What the body of a `pipeline(...)` receives. */
export interface PipelineBuilder {
  source<T>(source: Source<T>): Stream<T>;
}
