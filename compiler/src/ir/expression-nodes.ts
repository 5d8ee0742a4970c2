import type { BuiltinName, MethodId } from "./callables.generated.js";
import type { IrType } from "./ir-types.js";

/**
 * The expression IR: one readonly interface per node kind, each carrying the Avro type of its
 * value. Nodes are created only through `expr.*` and frozen, so a tree never changes once built.
 */
export interface RefNode { readonly kind: "ref"; readonly type: IrType; readonly name: string }
export interface FieldNode {
  readonly kind: "field";
  readonly type: IrType;
  readonly target: ExprNode;
  readonly name: string;
  /** `?.`: a null target yields null instead of failing. */
  readonly optional: boolean;
}
export interface LiteralNode {
  readonly kind: "literal";
  readonly type: IrType;
  readonly value: string | number | boolean | null;
}
export type UnaryOperator = "!" | "-" | "+";
export interface UnaryNode { readonly kind: "unary"; readonly type: IrType; readonly op: UnaryOperator; readonly operand: ExprNode }
export type BinaryOperator = "+" | "-" | "*" | "/" | "%" | "<" | "<=" | ">" | ">=" | "===" | "!==";
export interface BinaryNode {
  readonly kind: "binary";
  readonly type: IrType;
  readonly op: BinaryOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
}
export type LogicalOperator = "&&" | "||" | "??";
export interface LogicalNode {
  readonly kind: "logical";
  readonly type: IrType;
  readonly op: LogicalOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
}
export interface ConditionalNode {
  readonly kind: "conditional";
  readonly type: IrType;
  readonly test: ExprNode;
  readonly whenTrue: ExprNode;
  readonly whenFalse: ExprNode;
}
export interface ConcatNode { readonly kind: "concat"; readonly type: IrType; readonly parts: readonly ExprNode[] }
export type { MethodId } from "./callables.generated.js";
export interface CallNode {
  readonly kind: "call";
  readonly type: IrType;
  readonly method: MethodId;
  readonly target: ExprNode;
  readonly args: readonly ExprNode[];
}
/**
 * A global function of JavaScript. It is its own kind rather than a `call`: a call has a receiver
 * value, and `Math`, `Number` and the global object are not values a pipeline can hold.
 */
export type { BuiltinName } from "./callables.generated.js";
export interface BuiltinNode {
  readonly kind: "builtin";
  readonly type: IrType;
  readonly name: BuiltinName;
  readonly args: readonly ExprNode[];
}
export interface ObjectField { readonly name: string; readonly value: ExprNode }
export interface ObjectNode { readonly kind: "object"; readonly type: IrType; readonly fields: readonly ObjectField[] }
export interface CoerceNode { readonly kind: "coerce"; readonly type: IrType; readonly operand: ExprNode }
/** `const name = value` scoped over `body`; the lowering of function-body statements. */
export interface LetNode {
  readonly kind: "let";
  readonly type: IrType;
  readonly name: string;
  readonly value: ExprNode;
  readonly body: ExprNode;
}
export interface Param { readonly name: string; readonly type: IrType }
/** A function argument of an array method; `type` is its body's type. */
export interface LambdaNode {
  readonly kind: "lambda";
  readonly type: IrType;
  readonly params: readonly Param[];
  readonly body: ExprNode;
}
/** `array[i]` or `map[k]`: null outside the array or for an absent key. */
export interface IndexNode { readonly kind: "index"; readonly type: IrType; readonly target: ExprNode; readonly index: ExprNode }
/** An array literal `[a, b]`. */
export interface ArrayNode { readonly kind: "array"; readonly type: IrType; readonly items: readonly ExprNode[] }
/** The current value of a value state of a `process` node. */
export interface StateNode { readonly kind: "state"; readonly type: IrType; readonly name: string }
export interface MapGetNode { readonly kind: "map-get"; readonly type: IrType; readonly state: string; readonly key: ExprNode }
export interface MapHasNode { readonly kind: "map-has"; readonly type: IrType; readonly state: string; readonly key: ExprNode }
export type ContextName = "timestamp" | "key";
/** `ctx.timestamp` or `ctx.key` inside a `process` procedure. */
export interface ContextNode { readonly kind: "context"; readonly type: IrType; readonly name: ContextName }

export type ExprNode =
  | RefNode
  | FieldNode
  | LiteralNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode
  | ConcatNode
  | CallNode
  | BuiltinNode
  | ObjectNode
  | CoerceNode
  | LetNode
  | LambdaNode
  | IndexNode
  | ArrayNode
  | StateNode
  | MapGetNode
  | MapHasNode
  | ContextNode;
export type ExprKind = ExprNode["kind"];

/**
 * A visitor must handle every kind: adding a node kind fails to type-check until each visitor
 * does, so no phase can forget one.
 */
export type ExprVisitor<R> = { readonly [K in ExprKind]: (node: Extract<ExprNode, { kind: K }>) => R };

export function visitExpr<R>(node: ExprNode, visitor: ExprVisitor<R>): R {
  return (visitor[node.kind] as (n: ExprNode) => R)(node);
}

function freeze<T extends ExprNode>(node: T): T {
  return Object.freeze(node);
}

export const expr = Object.freeze({
  ref: (name: string, type: IrType): RefNode => freeze({ kind: "ref", type, name }),
  field: (target: ExprNode, name: string, type: IrType, optional: boolean): FieldNode =>
    freeze({ kind: "field", type, target, name, optional }),
  literal: (value: LiteralNode["value"], type: IrType): LiteralNode => freeze({ kind: "literal", type, value }),
  unary: (op: UnaryOperator, operand: ExprNode, type: IrType): UnaryNode => freeze({ kind: "unary", type, op, operand }),
  binary: (op: BinaryOperator, left: ExprNode, right: ExprNode, type: IrType): BinaryNode =>
    freeze({ kind: "binary", type, op, left, right }),
  logical: (op: LogicalOperator, left: ExprNode, right: ExprNode, type: IrType): LogicalNode =>
    freeze({ kind: "logical", type, op, left, right }),
  conditional: (test: ExprNode, whenTrue: ExprNode, whenFalse: ExprNode, type: IrType): ConditionalNode =>
    freeze({ kind: "conditional", type, test, whenTrue, whenFalse }),
  concat: (parts: readonly ExprNode[]): ConcatNode => freeze({ kind: "concat", type: "string", parts: Object.freeze([...parts]) }),
  call: (method: MethodId, target: ExprNode, args: readonly ExprNode[], type: IrType): CallNode =>
    freeze({ kind: "call", type, method, target, args: Object.freeze([...args]) }),
  builtin: (name: BuiltinName, args: readonly ExprNode[], type: IrType): BuiltinNode =>
    freeze({ kind: "builtin", type, name, args: Object.freeze([...args]) }),
  object: (fields: readonly ObjectField[], type: IrType): ObjectNode =>
    freeze({ kind: "object", type, fields: Object.freeze(fields.map((f) => Object.freeze({ ...f }))) }),
  coerce: (operand: ExprNode, type: IrType): CoerceNode => freeze({ kind: "coerce", type, operand }),
  let: (name: string, value: ExprNode, body: ExprNode): LetNode => freeze({ kind: "let", type: body.type, name, value, body }),
  lambda: (params: readonly Param[], body: ExprNode): LambdaNode =>
    freeze({ kind: "lambda", type: body.type, params: Object.freeze(params.map((p) => Object.freeze({ ...p }))), body }),
  index: (target: ExprNode, index: ExprNode, type: IrType): IndexNode => freeze({ kind: "index", type, target, index }),
  array: (items: readonly ExprNode[], type: IrType): ArrayNode => freeze({ kind: "array", type, items: Object.freeze([...items]) }),
  state: (name: string, type: IrType): StateNode => freeze({ kind: "state", type, name }),
  mapGet: (state: string, key: ExprNode, type: IrType): MapGetNode => freeze({ kind: "map-get", type, state, key }),
  mapHas: (state: string, key: ExprNode): MapHasNode => freeze({ kind: "map-has", type: "boolean", state, key }),
  context: (name: ContextName, type: IrType): ContextNode => freeze({ kind: "context", type, name }),
});

/** A translated user function. */
export interface FunctionIr {
  readonly params: readonly Param[];
  readonly body: ExprNode;
  readonly returnType: IrType;
}
