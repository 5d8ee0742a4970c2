import type { Int, Long, Timestamp } from "./core-types.js";

/** A per-key value, `initial` while the key has none. A descriptor read by the compiler. */
export interface ValueStateDecl<V> {
  readonly kind: "value";
  readonly initial: V;
}
/** Types a map state's keys may have. */
export type MapStateKey = string | number | boolean;
/** A per-key map. A descriptor read by the compiler. */
export interface MapStateDecl<K extends MapStateKey, V> {
  readonly kind: "map";
  /** Carries K and V for the type checker only. */
  readonly __types?: { key: K; value: V };
}
export type StateDecls = Record<string, ValueStateDecl<unknown> | MapStateDecl<MapStateKey, unknown>>;

/** Keyed state for `keyBy(f).process({ state: { … } })`. */
export const state = {
  value: <V>(initial: V): ValueStateDecl<V> => ({ kind: "value", initial }),
  map: <K extends MapStateKey, V>(): MapStateDecl<K, V> => ({ kind: "map" }),
} as const;

/** A map state as a handler sees it. */
export interface MapState<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
  delete(key: K): void;
  clear(): void;
}

/**
 * An Int, Long or Timestamp state reads and writes as a plain number, so `s.seen = s.seen + 1`
 * type-checks; the compiler converts what is written to the declared type, as `as Long` does.
 */
export type StateValue<V> = V extends Int | Long | Timestamp ? number : V;

/** The state a handler receives: value states as assignable properties, map states as {@link MapState}. */
export type StateView<S> = {
  -readonly [P in keyof S]: S[P] extends MapStateDecl<infer K, infer V>
    ? MapState<K, StateValue<V>>
    : S[P] extends ValueStateDecl<infer V>
      ? StateValue<V>
      : never;
};

/** Where a handler emits records. Annotate it (`out: Out<Alert>`) to type the resulting stream. */
export interface Out<T> {
  emit(record: T): void;
}

/** The key, the time, and the timers of the record or timer being handled. */
export interface ProcessContext<K> {
  readonly key: K;
  /** The record's event time, or in `onTimer` the timer's time. */
  readonly timestamp: Timestamp;
  /** Calls `onTimer` for this key once the watermark passes `at` (event time, epoch ms). */
  timer(at: number): void;
}

export interface ProcessSpec<T, K, S, O> {
  state: S;
  onElement(record: T, state: StateView<S>, out: Out<O>, ctx: ProcessContext<K>): void;
  onTimer?(at: Timestamp, state: StateView<S>, out: Out<O>, ctx: ProcessContext<K>): void;
  /** Operator name and uid seed. */
  name?: string;
}
