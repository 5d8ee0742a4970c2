import type { DatabaseSinkOptions, Duration, Sink } from "../../compiler/src/api/core-types.js";

/** A sorted-set entry (`ZADD key score member`), e.g. a leaderboard. */
export interface RedisSortedSet<T> {
  member: (record: T) => string;
  score: (record: T) => number;
}

/** Give exactly one of `value`, `hash` and `sortedSet`. */
export interface RedisSinkOptions<T> extends DatabaseSinkOptions {
  /** The Redis key of each record. */
  key: (record: T) => string;
  /** A string value (`SET`): a string, or a record written as JSON. */
  value?: (record: T) => string | object;
  /** A hash (`HSET`): each field of the returned record becomes a hash field, its value `String(x)`. */
  hash?: (record: T) => object;
  sortedSet?: RedisSortedSet<T>;
  /** An expiry set on every write, e.g. `"1h"`. */
  ttl?: Duration;
}

export interface RedisSink<T> extends Sink<T> {
  readonly connector: "redis";
}

function sink<T>(options: RedisSinkOptions<T>): RedisSink<T> {
  return { connector: "redis", options };
}

/**
 * Redis: `redis.sink({ key: (r) => …, hash: (r) => ({ … }), ttl: "1h" })`. Exactly-once: a
 * checkpoint's commands run after it completes in Lua scripts that check and advance a fence key.
 */
export const redis = { sink } as const;
