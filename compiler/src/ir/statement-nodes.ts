import type { ExprNode, Param } from "./expression-nodes.js";

/**
 * The statements of a `process` procedure (`onElement`, `onTimer`): the one place the graph has
 * effects, so they are kept apart from expressions, which have none.
 */
export interface LetStatement { readonly kind: "let"; readonly name: string; readonly value: ExprNode }
export interface IfStatement {
  readonly kind: "if";
  readonly test: ExprNode;
  readonly then: readonly Statement[];
  readonly else: readonly Statement[];
}
export interface ReturnStatement { readonly kind: "return" }
export interface SetStateStatement { readonly kind: "set-state"; readonly state: string; readonly value: ExprNode }
export interface MapSetStatement { readonly kind: "map-set"; readonly state: string; readonly key: ExprNode; readonly value: ExprNode }
export interface MapDeleteStatement { readonly kind: "map-delete"; readonly state: string; readonly key: ExprNode }
export interface ClearStateStatement { readonly kind: "clear-state"; readonly state: string }
export interface EmitStatement { readonly kind: "emit"; readonly value: ExprNode }
export interface TimerStatement { readonly kind: "timer"; readonly at: ExprNode }

export type Statement =
  | LetStatement
  | IfStatement
  | ReturnStatement
  | SetStateStatement
  | MapSetStatement
  | MapDeleteStatement
  | ClearStateStatement
  | EmitStatement
  | TimerStatement;
export type StatementKind = Statement["kind"];
export type StatementVisitor<R> = { readonly [K in StatementKind]: (node: Extract<Statement, { kind: K }>) => R };

export function visitStatement<R>(node: Statement, visitor: StatementVisitor<R>): R {
  return (visitor[node.kind] as (n: Statement) => R)(node);
}

const list = (statements: readonly Statement[]): readonly Statement[] => Object.freeze([...statements]);

export const stmt = Object.freeze({
  let: (name: string, value: ExprNode): LetStatement => Object.freeze({ kind: "let", name, value }),
  if: (test: ExprNode, then: readonly Statement[], otherwise: readonly Statement[]): IfStatement =>
    Object.freeze({ kind: "if", test, then: list(then), else: list(otherwise) }),
  return: (): ReturnStatement => Object.freeze({ kind: "return" }),
  setState: (state: string, value: ExprNode): SetStateStatement => Object.freeze({ kind: "set-state", state, value }),
  mapSet: (state: string, key: ExprNode, value: ExprNode): MapSetStatement => Object.freeze({ kind: "map-set", state, key, value }),
  mapDelete: (state: string, key: ExprNode): MapDeleteStatement => Object.freeze({ kind: "map-delete", state, key }),
  clearState: (state: string): ClearStateStatement => Object.freeze({ kind: "clear-state", state }),
  emit: (value: ExprNode): EmitStatement => Object.freeze({ kind: "emit", value }),
  timer: (at: ExprNode): TimerStatement => Object.freeze({ kind: "timer", at }),
});

/** A `process` handler: its parameters (the record, or the timer's time) and its statements. */
export interface Procedure {
  readonly params: readonly Param[];
  readonly body: readonly Statement[];
}
