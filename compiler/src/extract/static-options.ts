import type { Node } from "ts-morph";
import { fail } from "../diagnostics/diagnostic.js";
import { parseDuration } from "./duration.js";
import { isStaticObject, type StaticObject, type StaticValue } from "./static-evaluator.js";

/** Flink's upper bound for a job's or an operator's (maximum) parallelism. */
export const MAX_PARALLELISM = 32_768;

/** A duration option's milliseconds; a negative one is named as such, not as "not a duration". */
export function durationValue(value: StaticValue, key: string, at: Node): number {
  const text = typeof value === "string" ? value.trim() : undefined;
  if (text?.startsWith("-") && parseDuration(text.slice(1)) !== undefined) {
    fail("INVALID_OPTION", at, `\`${key}\` must not be negative.`);
  }
  const ms = text === undefined ? undefined : parseDuration(text);
  if (ms === undefined) fail("INVALID_DURATION", at, String(value));
  return ms;
}

/**
 * Typed reads of one option of a statically evaluated options object. Each returns undefined
 * when the option is absent and refuses a value of the wrong kind at the option itself.
 */
export const staticOptions = {
  entry(owner: StaticObject, key: string): { readonly value: StaticValue; readonly node: Node } | undefined {
    const entry = owner.entries.get(key);
    return entry && entry.value !== undefined ? entry : undefined;
  },

  string(owner: StaticObject, key: string): string | undefined {
    const entry = staticOptions.entry(owner, key);
    if (!entry) return undefined;
    if (typeof entry.value !== "string") fail("INVALID_OPTION", entry.node, `\`${key}\` must be a string.`);
    return entry.value;
  },

  strings(owner: StaticObject, key: string): { readonly value: string; readonly node: Node }[] | undefined {
    const entry = staticOptions.entry(owner, key);
    if (!entry) return undefined;
    const items = entry.value;
    if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) {
      fail("INVALID_OPTION", entry.node, `\`${key}\` must be an array of field names: \`["id"]\`.`);
    }
    const elements = "getElements" in entry.node ? (entry.node as unknown as { getElements(): Node[] }).getElements() : [];
    return (items as string[]).map((value, i) => ({ value, node: elements[i] ?? entry.node }));
  },

  positiveInt(owner: StaticObject, key: string): number | undefined {
    const entry = staticOptions.entry(owner, key);
    if (!entry) return undefined;
    if (typeof entry.value !== "number" || !Number.isInteger(entry.value) || entry.value < 1) {
      fail("INVALID_OPTION", entry.node, `\`${key}\` must be a whole number of at least 1.`);
    }
    return entry.value;
  },

  /** An operator's parallelism: 1 to Flink's maximum. */
  parallelism(owner: StaticObject): number | undefined {
    const entry = staticOptions.entry(owner, "parallelism");
    if (!entry) return undefined;
    if (typeof entry.value !== "number" || !Number.isInteger(entry.value) || entry.value < 1 || entry.value > MAX_PARALLELISM) {
      fail("INVALID_OPTION", entry.node, `\`parallelism\` must be a whole number from 1 to ${MAX_PARALLELISM}, Flink's maximum.`);
    }
    return entry.value;
  },

  duration(owner: StaticObject, key: string): number | undefined {
    const entry = staticOptions.entry(owner, key);
    if (!entry) return undefined;
    return durationValue(entry.value, key, entry.node);
  },

  choice<T extends string>(owner: StaticObject, key: string, allowed: readonly T[]): T | undefined {
    const entry = staticOptions.entry(owner, key);
    if (!entry) return undefined;
    if (typeof entry.value !== "string" || !(allowed as readonly string[]).includes(entry.value)) {
      fail("INVALID_OPTION", entry.node, `\`${key}\` must be one of ${allowed.map((a) => `"${a}"`).join(", ")}.`);
    }
    return entry.value as T;
  },

  object(owner: StaticObject, key: string, what: string): StaticObject | undefined {
    const entry = staticOptions.entry(owner, key);
    if (!entry) return undefined;
    if (!isStaticObject(entry.value)) fail("NOT_STATIC", entry.node, what);
    return entry.value;
  },
} as const;
