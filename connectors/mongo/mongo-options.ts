import type { DatabaseSinkOptions, Sink } from "../../compiler/src/api/core-types.js";

/** `replace` writes the whole document; `merge` sets the record's fields and keeps the others (`$set`). */
export type MongoWriteMode = "replace" | "merge";

export interface MongoSinkOptions<T> extends DatabaseSinkOptions {
  /** The collection, in the database named by `MONGODB_URI`'s path (else `tsflink`). */
  collection: string;
  /** Each document's `_id`: the same record must always give the same id. */
  id: (record: T) => string | number;
  /** Default `"replace"`. */
  write?: MongoWriteMode;
}

export interface MongoSink<T> extends Sink<T> {
  readonly connector: "mongo";
}

function sink<T>(options: MongoSinkOptions<T>): MongoSink<T> {
  return { connector: "mongo", options };
}

/**
 * MongoDB: `mongo.sink({ collection, id: (r) => r.orderId })`. Exactly-once: a checkpoint's
 * documents are upserted by `_id` after it completes, with a fence document per sink and subtask.
 */
export const mongo = { sink } as const;
