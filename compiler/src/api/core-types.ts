/**
 * The core vocabulary shared by the stream API and every connector's options. Connectors import
 * this file only, never the package entry or the compiler, so dependencies point one way.
 */

declare const brand: unique symbol;

/** A 32-bit integer field (Avro `int`). At run time in Node it is a plain number. */
export type Int = number & { readonly [brand]: "Int" };
/** A 64-bit integer field (Avro `long`); exact up to 2^53 as every JavaScript number is. */
export type Long = number & { readonly [brand]: "Long" };
/** Milliseconds since the Unix epoch (Avro `timestamp-millis`). */
export type Timestamp = number & { readonly [brand]: "Timestamp" };

/** A duration such as `"500ms"`, `"10s"`, `"5m"`, `"1h"` or `"1d"`. */
export type Duration = `${number}${"ms" | "s" | "m" | "h" | "d"}`;

/** How a sink delivers: exactly-once (the default) or at-least-once. */
export type DeliveryGuarantee = "exactly-once" | "at-least-once";

/** Options every sink accepts. */
export interface SinkOptions {
  /** Operator name and uid seed; keep it stable to keep the sink's state across upgrades. */
  name?: string;
  parallelism?: number;
  guarantee?: DeliveryGuarantee;
}

/** Options every database sink (PostgreSQL, MongoDB, Redis) accepts besides {@link SinkOptions}. */
export interface DatabaseSinkOptions extends SinkOptions {
  /** Records per database round trip; default 500. */
  batchSize?: number;
  /** Where records the database rejects for what they are (constraint, type, size) go, with the reason. */
  deadLetter?: Sink<unknown>;
}

/**
 * A source of records of type T. Values of this type are descriptors: the compiler reads the
 * call that made them from the source text; nothing here runs inside Flink.
 */
export interface Source<T> {
  readonly connector: string;
  readonly options: object;
  /** Carries T for the type checker only. */
  readonly __record?: (record: T) => void;
}

/** A destination for records of type T; see {@link Source} on descriptors. */
export interface Sink<T> {
  readonly connector: string;
  readonly options: object;
  readonly __record?: (record: T) => void;
}
