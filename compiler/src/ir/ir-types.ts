/**
 * Types in the IR are written exactly as the job graph writes them: Avro's JSON notation,
 * restricted to what compiler/schema/README.md lists. A named record or enum is referred to by
 * its name and defined once in the graph's `types`.
 */
export type PrimitiveTypeName = "string" | "double" | "int" | "long" | "boolean" | "null";

export interface TimestampType {
  readonly type: "long";
  readonly logicalType: "timestamp-millis";
}
export interface ArrayType {
  readonly type: "array";
  readonly items: IrType;
}
/** `Record<string, T>`: string keys in insertion order, as a JavaScript object keeps them. */
export interface MapType {
  readonly type: "map";
  readonly values: IrType;
}
export type NullableType = readonly ["null", IrType];
/** A primitive name or the name of a record or enum in the graph's `types`. */
export type IrType = PrimitiveTypeName | string | TimestampType | ArrayType | MapType | NullableType;

export interface RecordField {
  readonly name: string;
  readonly type: IrType;
  /** Present (as null) exactly when the field is optional. */
  readonly default?: null;
}
export interface RecordTypeDef {
  readonly type: "record";
  readonly name: string;
  readonly fields: readonly RecordField[];
}
export interface EnumTypeDef {
  readonly type: "enum";
  readonly name: string;
  readonly symbols: readonly string[];
}
export type NamedTypeDef = RecordTypeDef | EnumTypeDef;

export const TIMESTAMP: TimestampType = Object.freeze({ type: "long", logicalType: "timestamp-millis" });
const PRIMITIVES: ReadonlySet<string> = new Set(["string", "double", "int", "long", "boolean", "null"]);

export function nullable(inner: IrType): IrType {
  return isNullable(inner) ? inner : Object.freeze(["null", inner] as const);
}
export function arrayOf(items: IrType): ArrayType {
  return Object.freeze({ type: "array", items });
}
export function mapOf(values: IrType): MapType {
  return Object.freeze({ type: "map", values });
}
export function isMap(t: IrType): t is MapType {
  return typeof t === "object" && !Array.isArray(t) && (t as MapType).type === "map";
}
export function isNullable(t: IrType): t is NullableType {
  return Array.isArray(t);
}
export function nonNull(t: IrType): IrType {
  return isNullable(t) ? t[1] : t;
}
export function isTimestamp(t: IrType): t is TimestampType {
  return typeof t === "object" && !Array.isArray(t) && (t as TimestampType).logicalType === "timestamp-millis";
}
export function isArray(t: IrType): t is ArrayType {
  return typeof t === "object" && !Array.isArray(t) && (t as ArrayType).type === "array";
}
export function isNamed(t: IrType): t is string {
  return typeof t === "string" && !PRIMITIVES.has(t);
}
export function isNumeric(t: IrType): boolean {
  return t === "double" || t === "int" || t === "long" || isTimestamp(t);
}
export function typeKey(t: IrType): string {
  return JSON.stringify(t);
}
export function sameType(a: IrType, b: IrType): boolean {
  return typeKey(a) === typeKey(b);
}
/** How a type reads in a diagnostic. */
export function describeType(t: IrType): string {
  if (isNullable(t)) return `${describeType(t[1])} | null`;
  if (isTimestamp(t)) return "Timestamp";
  if (isArray(t)) return `${describeType(t.items)}[]`;
  if (isMap(t)) return `Record<string, ${describeType(t.values)}>`;
  return t;
}
