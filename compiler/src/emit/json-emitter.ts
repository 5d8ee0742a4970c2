import type { JobGraph } from "../ir/graph-nodes.js";
import { isArray, isNullable, isNamed, type IrType, type NamedTypeDef } from "../ir/ir-types.js";

/** JSON with object keys sorted at every level, two-space indented, newline-terminated. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
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
