import type { DatabaseSinkOptions, Sink } from "../../compiler/src/api/core-types.js";

/**
 * How rows are written: `upsert` inserts or updates the row of the record's `key`
 * (`INSERT … ON CONFLICT (key) DO UPDATE`); `append` inserts every record as a new row.
 */
export type PostgresWriteMode = "upsert" | "append";

export interface PostgresSinkOptions extends DatabaseSinkOptions {
  /** `name` or `schema.name`, lowercase letters, digits and `_`; columns are the record's fields. */
  table: string;
  /** Fields of the record forming the upsert key (the table's primary key). */
  key?: readonly string[];
  /** Default `"upsert"` when `key` is given, else `"append"`. */
  mode?: PostgresWriteMode;
}

export interface PostgresSink<T> extends Sink<T> {
  readonly connector: "postgres";
}

function sink<T>(options: PostgresSinkOptions): PostgresSink<T> {
  return { connector: "postgres", options };
}

/**
 * PostgreSQL: `postgres.sink({ table, key })`. Exactly-once: a checkpoint's rows are committed in
 * one transaction with the sink's progress row. The connection is `PG_URL` from the environment;
 * `tsflink migrate` creates the tables.
 */
export const postgres = { sink } as const;
