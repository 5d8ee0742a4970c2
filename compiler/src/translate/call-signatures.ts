import { BUILTIN_CATALOGUE, METHOD_CATALOGUE, type BuiltinName, type MethodId } from "../ir/callables.generated.js";
import type { IrType } from "../ir/ir-types.js";

/**
 * The translator's view of compiler/schema/callables.v1.json, the one list of what a pipeline
 * function may call: the methods keyed by how TypeScript spells them, per kind of receiver.
 */

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

interface CatalogueEntry {
  readonly spelling?: string;
  readonly property?: boolean;
  readonly lambda?: number;
  readonly args: readonly ArgKind[];
  readonly optional?: readonly ArgKind[];
  readonly rest?: boolean;
  readonly toNumber?: boolean;
  readonly returns: IrType | "target" | "lambda";
}

const methods = Object.entries(METHOD_CATALOGUE) as [MethodId, CatalogueEntry][];
const builtins = Object.entries(BUILTIN_CATALOGUE) as [BuiltinName, CatalogueEntry][];

/** Methods called on `prefix` values with plain arguments, by their TypeScript name. */
function callsOn<T>(prefix: string, make: (id: MethodId, entry: CatalogueEntry) => T): Readonly<Record<string, T>> {
  return Object.fromEntries(
    methods.filter(([id, m]) => id.startsWith(prefix) && !m.property && !m.lambda).map(([id, m]) => [id.slice(prefix.length), make(id, m)]),
  );
}

const signature = (m: CatalogueEntry): Omit<Signature, "type"> => ({ args: m.args, ...(m.optional ? { optional: m.optional } : {}), ...(m.rest ? { rest: true } : {}) });

export const STRING_METHODS: Readonly<Record<string, Signature & { method: MethodId }>> = callsOn("string.", (id, m) => ({
  method: id,
  ...signature(m),
  type: m.returns as IrType,
}));

/** Array methods without a function argument; `type` "target" means the array's own type. */
export const ARRAY_METHODS: Readonly<Record<string, Omit<Signature, "type"> & { method: MethodId; type: IrType | "target" }>> = callsOn(
  "array.",
  (id, m) => ({ method: id, ...signature(m), type: m.returns as IrType | "target" }),
);

/** Array methods whose first argument is a function of one item (or of accumulator and item). */
export const ARRAY_FUNCTION_METHODS: Readonly<Record<string, { method: MethodId; params: 1 | 2 }>> = Object.fromEntries(
  methods.filter(([, m]) => m.lambda).map(([id, m]) => [id.slice("array.".length), { method: id, params: m.lambda as 1 | 2 }]),
);

export const BUILTINS: Readonly<Record<string, Signature & { name: BuiltinName }>> = Object.fromEntries(
  builtins.map(([id, b]) => [id, { name: id, ...signature(b), type: b.returns as IrType }]),
);

/** Builtins whose numeric arguments JavaScript converts with ToNumber (so `undefined` is NaN). */
export const NUMERIC_BUILTINS: ReadonlySet<string> = new Set(builtins.filter(([, b]) => b.toNumber).map(([id]) => id));

function spellings(prefix: string, receiver: string): string {
  return methods
    .filter(([id]) => id.startsWith(prefix))
    .map(([, m]) => (m.spelling!.startsWith("Object.") ? m.spelling! : `${receiver}.${m.spelling}`))
    .join(", ");
}

/** What a refusal of an unknown call lists as supported. */
export const SUPPORTED_CALLS =
  `on strings ${spellings("string.", "s")}; on arrays ${spellings("array.", "xs")}; ` +
  `on Record<string, T> maps ${spellings("map.", "m")}, m[k], k in m; ` +
  `and ${builtins.map(([, b]) => b.spelling!).join(", ")}`;
