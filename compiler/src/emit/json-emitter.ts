import type { JobGraph } from "../ir/graph-nodes.js";
import { isArray, isNullable, isNamed, type IrType, type NamedTypeDef } from "../ir/ir-types.js";

/**
 * JSON with object keys sorted at every level, two-space indented, newline-terminated: what
 * `JSON.stringify(value, null, 2)` writes, except that negative zero is `-0.0`. `JSON.stringify`
 * writes it as `0`, and a JSON reader gives `-0` (an integer) as +0 where `-0.0` keeps its sign,
 * so `1 / -0` in a function would be `Infinity` in the harness.
 */
export function canonicalJson(value: unknown): string {
  return write(value, "") + "\n";
}

function write(value: unknown, indent: string): string {
  if (typeof value === "number" && Object.is(value, -0)) return "-0.0";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = indent + "  ";
    // As JSON.stringify: an undefined item is written as null.
    return `[\n${value.map((v) => inner + write(v === undefined ? null : v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const inner = indent + "  ";
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${inner}${JSON.stringify(key)}: ${write((value as Record<string, unknown>)[key], inner)}`);
    return entries.length === 0 ? "{}" : `{\n${entries.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function emitJobGraph(graph: JobGraph): string {
  return canonicalJson(graph);
}

/**
 * A standalone Avro schema for one named type of the graph: every named type it uses is
 * defined inline at its first use, as Avro requires, so producers and consumers can use it
 * as it is (`<job>.schemas/Order.avsc`).
 */
export function standaloneSchema(graph: JobGraph, name: string): unknown {
  const byName = new Map<string, NamedTypeDef>(graph.types.map((t) => [t.name, t]));
  const defined = new Set<string>();
  const expand = (type: IrType): unknown => {
    if (isNullable(type)) return ["null", expand(type[1])];
    if (isArray(type)) return { type: "array", items: expand(type.items) };
    if (isNamed(type)) {
      if (defined.has(type)) return type;
      const def = byName.get(type);
      if (!def) return type;
      defined.add(type);
      if (def.type === "enum") return def;
      return { ...def, fields: def.fields.map((f) => ({ ...f, type: expand(f.type) })) };
    }
    return type;
  };
  return expand(name);
}
