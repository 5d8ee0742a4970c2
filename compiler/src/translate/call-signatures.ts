import type { BuiltinName, MethodId } from "../ir/expression-nodes.js";
import type { IrType } from "../ir/ir-types.js";

/** An argument's kind: the TypeScript types already match; these say how many and which. */
export type ArgKind = "string" | "number" | "any";
export interface Signature {
  /** Required arguments, then optional ones. */
  readonly args: readonly ArgKind[];
  readonly optional?: readonly ArgKind[];
  /** For Math.min/max: any number of further arguments of the last kind. */
  readonly rest?: boolean;
  readonly type: IrType;
}

export const STRING_METHODS: Readonly<Record<string, Signature & { method: MethodId }>> = {
  toUpperCase: { method: "string.toUpperCase", args: [], type: "string" },
  toLowerCase: { method: "string.toLowerCase", args: [], type: "string" },
  trim: { method: "string.trim", args: [], type: "string" },
  trimStart: { method: "string.trimStart", args: [], type: "string" },
  trimEnd: { method: "string.trimEnd", args: [], type: "string" },
  includes: { method: "string.includes", args: ["string"], type: "boolean" },
  startsWith: { method: "string.startsWith", args: ["string"], type: "boolean" },
  endsWith: { method: "string.endsWith", args: ["string"], type: "boolean" },
  slice: { method: "string.slice", args: ["number"], optional: ["number"], type: "string" },
  substring: { method: "string.substring", args: ["number"], optional: ["number"], type: "string" },
  indexOf: { method: "string.indexOf", args: ["string"], type: "double" },
  padStart: { method: "string.padStart", args: ["number"], optional: ["string"], type: "string" },
  padEnd: { method: "string.padEnd", args: ["number"], optional: ["string"], type: "string" },
  replace: { method: "string.replace", args: ["string", "string"], type: "string" },
  replaceAll: { method: "string.replaceAll", args: ["string", "string"], type: "string" },
  charAt: { method: "string.charAt", args: ["number"], type: "string" },
  repeat: { method: "string.repeat", args: ["number"], type: "string" },
  split: { method: "string.split", args: ["string"], optional: ["number"], type: { type: "array", items: "string" } },
};

/**
 * Array methods without a function argument; `type` "target" means the array's own type. The
 * methods taking a function (`map`, `filter`, `some`, `every`, `reduce`) are translated apart.
 */
export const ARRAY_METHODS: Readonly<Record<string, Omit<Signature, "type"> & { method: MethodId; type: IrType | "target" }>> = {
  includes: { method: "array.includes", args: ["any"], type: "boolean" },
  indexOf: { method: "array.indexOf", args: ["any"], type: "double" },
  slice: { method: "array.slice", args: [], optional: ["number", "number"], type: "target" },
  join: { method: "array.join", args: [], optional: ["string"], type: "string" },
};
export const ARRAY_FUNCTION_METHODS: Readonly<Record<string, { method: MethodId; params: 1 | 2 }>> = {
  map: { method: "array.map", params: 1 },
  filter: { method: "array.filter", params: 1 },
  some: { method: "array.some", params: 1 },
  every: { method: "array.every", params: 1 },
  reduce: { method: "array.reduce", params: 2 },
};

const MATH_UNARY = ["abs", "round", "floor", "ceil", "sqrt", "log", "exp", "trunc", "sign"] as const;
export const BUILTINS: Readonly<Record<string, Signature & { name: BuiltinName }>> = {
  ...Object.fromEntries(MATH_UNARY.map((m) => [`Math.${m}`, { name: `Math.${m}` as BuiltinName, args: ["number"], type: "double" }])),
  "Math.min": { name: "Math.min", args: ["number", "number"], rest: true, type: "double" },
  "Math.max": { name: "Math.max", args: ["number", "number"], rest: true, type: "double" },
  "Math.pow": { name: "Math.pow", args: ["number", "number"], type: "double" },
  Number: { name: "Number", args: ["any"], type: "double" },
  String: { name: "String", args: ["any"], type: "string" },
  parseInt: { name: "parseInt", args: ["string"], optional: ["number"], type: "double" },
  parseFloat: { name: "parseFloat", args: ["string"], type: "double" },
  "Number.isFinite": { name: "Number.isFinite", args: ["any"], type: "boolean" },
  "Number.isInteger": { name: "Number.isInteger", args: ["any"], type: "boolean" },
};
/** Builtins whose numeric arguments JavaScript converts with ToNumber (so `undefined` is NaN). */
export const NUMERIC_BUILTINS: ReadonlySet<string> = new Set([...MATH_UNARY.map((m) => `Math.${m}`), "Math.min", "Math.max", "Math.pow", "Number"]);

export const SUPPORTED_CALLS =
  "string.toUpperCase(), toLowerCase(), trim(), trimStart(), trimEnd(), includes(s), startsWith(s), endsWith(s), " +
  "slice(start, end?), substring(start, end?), indexOf(s), padStart(n, fill?), padEnd(n, fill?), replace(s, r), " +
  "replaceAll(s, r), charAt(i), repeat(n), split(s), .length of strings and arrays, " +
  "array.includes(x), indexOf(x), slice(start?, end?), join(sep?), map(f), filter(f), some(f), every(f), reduce(f, initial), " +
  "Object.keys(map), Object.hasOwn(map, k), " +
  "Math.abs/round/floor/ceil/min/max/pow/sqrt/log/exp/trunc/sign, Number(x), String(x), parseInt(s, radix?), " +
  "parseFloat(s), Number.isFinite(x), Number.isInteger(x)";
