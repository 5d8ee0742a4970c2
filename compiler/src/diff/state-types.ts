import type { JobGraph } from "../ir/graph-nodes.js";
import { describeType, isArray, isMap, isNullable, isTimestamp, type IrType } from "../ir/ir-types.js";

/**
 * A type as Flink's state serializers see it, for deciding whether state written with one type
 * can be read with another: records expand to their fields (a `RowSerializer` is positional, but a
 * renamed field would silently take another's value, so names count), enums are the `String`
 * they are in a row, timestamps the `Long`, and an optional value the same serializer (a row keeps
 * nulls in its own mask). Named types are resolved in their own graph, since both graphs may use
 * one name for different shapes.
 */
export function stateShape(graph: JobGraph, type: IrType): string {
  return JSON.stringify(shapeOf(graph, type, new Set()));
}

type Shape = string | { readonly array: Shape } | { readonly map: Shape } | { readonly record: readonly (readonly [string, Shape])[] };

function shapeOf(graph: JobGraph, type: IrType, seen: ReadonlySet<string>): Shape {
  if (isNullable(type)) return shapeOf(graph, type[1], seen);
  if (isTimestamp(type)) return "long";
  if (isArray(type)) return { array: shapeOf(graph, type.items, seen) };
  if (isMap(type)) return { map: shapeOf(graph, type.values, seen) };
  const named = graph.types.find((t) => t.name === type);
  if (!named || seen.has(type)) return type;
  if (named.type === "enum") return "string";
  const inner = new Set([...seen, type]);
  return { record: named.fields.map((f) => [f.name, shapeOf(graph, f.type, inner)] as const) };
}

/** JSON with keys sorted at every level, so two equal values compare equal however they were built. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * "Order is now Order" says nothing when one record name has two shapes: then the change is told
 * field by field (`Order: coupon added, amount double → long`).
 */
export function describeTypeChange(g0: JobGraph, a: IrType, g1: JobGraph, b: IrType): string {
  const [ra, rb] = [g0.types.find((t) => t.name === a), g1.types.find((t) => t.name === b)];
  if (a !== b || ra?.type !== "record" || rb?.type !== "record") return `${describeType(a)} is now ${describeType(b)}`;
  const parts: string[] = [];
  for (const f of rb.fields) {
    const old = ra.fields.find((x) => x.name === f.name);
    if (!old) parts.push(`${f.name} added`);
    else if (stateShape(g0, old.type) !== stateShape(g1, f.type)) parts.push(`${f.name} ${describeType(old.type)} → ${describeType(f.type)}`);
  }
  for (const f of ra.fields) if (!rb.fields.some((x) => x.name === f.name)) parts.push(`${f.name} removed`);
  const order = ra.fields.map((f) => f.name).filter((n) => rb.fields.some((x) => x.name === n)).join();
  if (parts.length === 0 && order !== rb.fields.map((f) => f.name).filter((n) => ra.fields.some((x) => x.name === n)).join()) parts.push("fields reordered");
  return `${a}: ${parts.join(", ")}`;
}
