import { Node, ts, type Type } from "ts-morph";
import { DiagnosticError, fail, type Diagnostic, type Located } from "../diagnostics/diagnostic.js";
import {
  TIMESTAMP, arrayOf, mapOf, nullable, typeKey,
  type EnumTypeDef, type IrType, type NamedTypeDef, type RecordField, type RecordTypeDef,
} from "../ir/ir-types.js";

const BRANDS: Readonly<Record<string, IrType>> = { Int: "int", Long: "long", Timestamp: TIMESTAMP };
const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Makes a valid Avro name out of a place in the pipeline (`paid.filter` → `paid_filter`). */
export function avroName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]/g, "_");
  return AVRO_NAME.test(cleaned) ? cleaned : `T_${cleaned}`;
}

/**
 * Turns checker types into the graph's Avro types and owns the graph's `types` table: each
 * named record and enum is defined once, children before parents, so the table is in
 * dependency order. Anonymous object types are named after the place they are first used and
 * shared by every later use of the same shape.
 */
export class TypeRegistry {
  readonly #defs: NamedTypeDef[] = [];
  readonly #byShape = new Map<string, string>();
  readonly #byName = new Map<string, string>();
  readonly #byTsType = new Map<ts.Type, IrType>();
  readonly #inProgress = new Set<ts.Type>();

  definitions(): readonly NamedTypeDef[] {
    return [...this.#defs];
  }

  definition(name: string): NamedTypeDef | undefined {
    return this.#defs.find((d) => d.name === name);
  }

  /** The Avro type of a declared record field, stream element or function result. */
  declared(type: Type, contextName: string, at: Located, what: string): IrType {
    const cached = this.#byTsType.get(type.compilerType);
    if (cached !== undefined) return cached;
    const result = this.#translate(type, contextName, at, what);
    this.#byTsType.set(type.compilerType, result);
    return result;
  }

  /**
   * The type of an intermediate expression. Literal types are widened (an expression typed
   * `"big" | "small"` is a string) unless they are exactly an enum a record declares.
   */
  ofExpression(type: Type, contextName: string, at: Located): IrType {
    const cached = this.#byTsType.get(type.compilerType);
    if (cached !== undefined) return cached;
    const stripped = splitNullish(type);
    if (stripped.null && stripped.undefined) fail("NULL_AND_UNDEFINED", at, typeText(type, at), "this expression");
    if (stripped.rest.every((t) => t.isStringLiteral())) {
      const symbols = stripped.rest.map((t) => t.getLiteralValue() as string);
      const known = this.#byShape.get(enumShapeKey(symbols));
      const base: IrType = known ?? "string";
      return stripped.nullish ? nullable(base) : base;
    }
    if (stripped.rest.every((t) => t.isNumberLiteral())) return stripped.nullish ? nullable("double") : "double";
    return this.declared(type, contextName, at, "this expression");
  }

  #translate(type: Type, contextName: string, at: Located, what: string): IrType {
    if (type.isAny()) fail("ANY_TYPE", at, capitalise(what));
    const { nullish, rest, ...kinds } = splitNullish(type);
    if (kinds.null && kinds.undefined) fail("NULL_AND_UNDEFINED", at, typeText(type, at), what);
    if (nullish) {
      if (rest.length === 0) fail("NO_AVRO_TYPE", at, typeText(type, at), what, "A field cannot always be null or undefined.");
      return nullable(this.#nonNullish(rest, type, contextName, at, what));
    }
    return this.#nonNullish(rest, type, contextName, at, what);
  }

  #nonNullish(members: Type[], whole: Type, contextName: string, at: Located, what: string): IrType {
    if (members.length > 1) {
      if (members.every((m) => m.isStringLiteral())) {
        return this.#enum(members.map((m) => m.getLiteralValue() as string), whole, contextName, at, what);
      }
      if (members.every((m) => m.isBooleanLiteral())) return "boolean";
      // A union of text types that are not all literals (`"none" | `${string}-${string}``) holds any string.
      if (members.every(isTextual)) return "string";
      // In JavaScript these are all one number type: `c ? l.qty : 1` is a number, a double.
      if (members.every((m) => m.isNumber() || m.isNumberLiteral() || (m.isIntersection() && brandOf(m) !== undefined))) return "double";
      fail("NO_AVRO_TYPE", at, typeText(whole, at), what, "Use a single type, a string-literal union, or an optional field.");
    }
    const t = members[0]!;
    if (t.isAny()) fail("ANY_TYPE", at, capitalise(what));
    if (t.isStringLiteral()) return this.#enum([t.getLiteralValue() as string], whole, contextName, at, what);
    if (isTextual(t)) return "string";
    if (t.isNumber() || t.isNumberLiteral()) return "double";
    if (t.isBoolean() || t.isBooleanLiteral()) return "boolean";
    if (t.isIntersection()) {
      const brand = brandOf(t);
      if (brand !== undefined) return brand;
    }
    if (t.isArray() || t.isReadonlyArray()) {
      const element = t.getArrayElementTypeOrThrow();
      return arrayOf(this.declared(element, contextName, at, `the elements of ${what}`));
    }
    if (t.isEnum() || t.isEnumLiteral()) {
      fail("NO_AVRO_TYPE", at, typeText(t, at), what, "Use a string-literal union such as \"NEW\" | \"PAID\".");
    }
    const flags = t.getFlags();
    if (flags & ts.TypeFlags.BigIntLike) fail("NO_AVRO_TYPE", at, "bigint", what, "Use Long (a number) for 64-bit integers.");
    if (t.isObject() && !t.isTuple()) {
      const symbolName = t.getSymbol()?.getName();
      if (symbolName === "Date") fail("NO_AVRO_TYPE", at, "Date", what, "Use Timestamp (epoch milliseconds).");
      if (t.getCallSignatures().length > 0) fail("NO_AVRO_TYPE", at, typeText(t, at), what, "Records hold data only, not functions.");
      const stringIndex = t.getStringIndexType();
      // `Record<string, T>`: a JavaScript object used as a map, an Avro map.
      if (stringIndex !== undefined && t.getProperties().length === 0) {
        return mapOf(this.declared(stringIndex, contextName, at, `the values of ${what}`));
      }
      if (stringIndex !== undefined || t.getNumberIndexType() !== undefined) {
        fail("NO_AVRO_TYPE", at, typeText(t, at), what, "Declare each field of the record by name, or use `Record<string, T>` for a map.");
      }
      return this.#record(t, contextName, at);
    }
    if (t.isTuple()) fail("NO_AVRO_TYPE", at, typeText(t, at), what, "Use an array of one element type or a record.");
    fail("NO_AVRO_TYPE", at, typeText(t, at), what, "Use string, number, Int, Long, boolean, Timestamp, a string-literal union, an array or a record.");
  }

  #enum(symbols: readonly string[], whole: Type, contextName: string, at: Located, what: string): IrType {
    const key = enumShapeKey(symbols);
    const existing = this.#byShape.get(key);
    if (existing !== undefined) return existing;
    const bad = symbols.find((s) => !AVRO_NAME.test(s));
    if (bad !== undefined) {
      const like = symbolLike(bad);
      fail("ENUM_SYMBOL", at, JSON.stringify(bad), typeText(whole, at), what, like === undefined ? "" : `, such as ${JSON.stringify(like)}`);
    }
    const name = this.#freshName(avroName(contextName));
    const def: EnumTypeDef = Object.freeze({ type: "enum", name, symbols: Object.freeze([...symbols]) });
    this.#define(def, key);
    return name;
  }

  #record(t: Type, contextName: string, at: Located): IrType {
    if (this.#inProgress.has(t.compilerType)) {
      fail("NO_AVRO_TYPE", at, typeText(t, at), "a record that contains itself", "Avro records here cannot be recursive.");
    }
    this.#inProgress.add(t.compilerType);
    try {
      const declaredName = namedTypeName(t);
      const baseName = declaredName ?? avroName(contextName);
      const fields: RecordField[] = [];
      const errors: Diagnostic[] = [];
      for (const property of t.getProperties()) {
        try {
        const declaration = property.getValueDeclaration() ?? property.getDeclarations()[0];
        const fieldAt: Located = declaration && !declaration.getSourceFile().isFromExternalLibrary() ? declaration : at;
        const fieldName = property.getName();
        if (Node.isMethodSignature(declaration) || Node.isMethodDeclaration(declaration)) {
          fail("NO_AVRO_TYPE", fieldAt, "method", `field '${fieldName}'`, "Records hold data only, not functions.");
        }
        if (!AVRO_NAME.test(fieldName)) {
          fail("NO_AVRO_TYPE", fieldAt, `'${fieldName}'`, "a field name", "Field names must be identifiers: letters, digits and _.");
        }
        const propertyType = property.getTypeAtLocation(declaration ?? (at as unknown as Node));
        // `x: T | undefined` may be left out of a record as `x?: T` may (JSON.parse gives undefined); `x: T | null` may not.
        const optional = property.isOptional() || (propertyType.isUnion() && propertyType.getUnionTypes().some((u) => u.isUndefined()));
        const fieldType = this.declared(propertyType, `${baseName}_${fieldName}`, fieldAt, `field '${fieldName}'`);
        fields.push(
          optional
            ? Object.freeze({ name: fieldName, type: nullable(fieldType), default: null })
            : Object.freeze({ name: fieldName, type: fieldType }),
        );
        } catch (e) {
          if (!(e instanceof DiagnosticError)) throw e;
          errors.push(...e.diagnostics);
        }
      }
      // Every bad field of a record is reported at once, not one per compile.
      if (errors.length > 0) throw new DiagnosticError(errors);
      const shape = typeKey(fields as unknown as IrType);
      const key = declaredName === undefined ? `record:${shape}` : `record:${declaredName}:${shape}`;
      const existing = this.#byShape.get(key);
      if (existing !== undefined) return existing;
      const def: RecordTypeDef = Object.freeze({ type: "record", name: this.#freshName(baseName), fields: Object.freeze(fields) });
      this.#define(def, key);
      return def.name;
    } finally {
      this.#inProgress.delete(t.compilerType);
    }
  }

  #define(def: NamedTypeDef, shapeKey: string): void {
    this.#defs.push(def);
    this.#byShape.set(shapeKey, def.name);
    this.#byName.set(def.name, shapeKey);
  }

  #freshName(base: string): string {
    if (!this.#byName.has(base)) return base;
    for (let i = 2; ; i++) if (!this.#byName.has(`${base}_${i}`)) return `${base}_${i}`;
  }
}

/**
 * A type as a diagnostic prints it: named as the code at `at` can name it. The checker writes a
 * type it cannot name there as `import("/abs/path/module").Name`; the module path is dropped, as
 * no absolute path may reach a diagnostic and the name alone says which type it is.
 */
export function typeText(type: Type, at: Located): string {
  const enclosing = at instanceof Node ? at : undefined;
  const text = type.getText(enclosing, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.NoTruncation);
  return text.replace(/import\((["'])(?:(?!\1).)*\1\)\./g, "");
}

/** String types: `string`, a literal, a template literal type (`${string}|${string}`), `Uppercase<string>`. */
function isTextual(t: Type): boolean {
  return t.isString() || t.isStringLiteral() || t.isTemplateLiteral() || (t.getFlags() & ts.TypeFlags.StringMapping) !== 0;
}

/** An Avro enum symbol close to `symbol` to suggest instead (`in-progress` → `in_progress`), if one reads as it. */
function symbolLike(symbol: string): string | undefined {
  const cleaned = symbol.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/[A-Za-z0-9]/.test(cleaned)) return undefined;
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

function enumShapeKey(symbols: readonly string[]): string {
  return `enum:${JSON.stringify(symbols)}`;
}

function splitNullish(type: Type): { nullish: boolean; null: boolean; undefined: boolean; rest: Type[] } {
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  const rest = members.filter((m) => !m.isNull() && !m.isUndefined());
  const hasNull = members.some((m) => m.isNull());
  const hasUndefined = members.some((m) => m.isUndefined());
  return { nullish: hasNull || hasUndefined, null: hasNull, undefined: hasUndefined, rest };
}

/** `Int`, `Long` and `Timestamp` are `number & { [brand]: "Int" }`: read the brand's literal. */
function brandOf(t: Type): IrType | undefined {
  const parts = t.getIntersectionTypes();
  if (!parts.some((p) => p.isNumber())) return undefined;
  for (const part of parts) {
    for (const property of part.getProperties()) {
      const declaration = property.getDeclarations()[0];
      if (!declaration) continue;
      const value = property.getTypeAtLocation(declaration);
      if (value.isStringLiteral()) {
        const brand = BRANDS[value.getLiteralValue() as string];
        if (brand !== undefined) return brand;
      }
    }
  }
  return undefined;
}

/** The name of an interface, class or type alias; anonymous object types have none. */
export function namedTypeName(t: Type): string | undefined {
  const alias = t.getAliasSymbol()?.getName();
  if (alias !== undefined && AVRO_NAME.test(alias)) return alias;
  const name = t.getSymbol()?.getName();
  if (name === undefined || name.startsWith("__")) return undefined;
  return AVRO_NAME.test(name) ? name : undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
