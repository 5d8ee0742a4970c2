import type { Sink, Source } from "./core-types.js";

/** A stream of records of type T; every call describes a new node in the job graph. */
export interface Stream<T> {
  /** Keeps the records for which `predicate` is true. */
  filter(predicate: (record: T) => boolean): Stream<T>;
  /** Turns each record into exactly one new record. */
  map<R extends object>(fn: (record: T) => R): Stream<R>;
  /** Writes every record to `sink`. */
  to(sink: Sink<T>): void;
}

/** What the body of a `pipeline(...)` receives. */
export interface PipelineBuilder {
  source<T>(source: Source<T>): Stream<T>;
}
