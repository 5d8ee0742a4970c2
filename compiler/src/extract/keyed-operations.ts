import { Node, type Expression } from "ts-morph";
import { DiagnosticError, fail, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { FunctionIr } from "../ir/expression-nodes.js";
import type { Aggregate, AggregateOp, StateDecl, WindowSpec, WindowTime } from "../ir/graph-nodes.js";
import { TIMESTAMP, describeType, isNamed, isTimestamp, type IrType } from "../ir/ir-types.js";
import { FunctionTranslator } from "../translate/function-translator.js";
import { avroName, type TypeRegistry } from "../translate/type-registry.js";
import { parseDuration } from "./duration.js";
import { constInitializer, type StaticEvaluator, type StaticObject, type StaticValue } from "./static-evaluator.js";

// Reads the descriptors of keyed operations from the source: windows, aggregators, interval-join
// bounds and process state declarations. The extractor assembles the nodes from what these return.

/** What the readers need of the extractor. */
export interface ReaderContext {
  readonly registry: TypeRegistry;
  readonly evaluator: StaticEvaluator;
  /** Whether `callee` names the API's export `name` (`tumbling`, `agg`, `state`). */
  isApi(callee: Node, name: string): boolean;
  /** Records problems of one part, so the rest is still read. */
  report(diagnostics: readonly Diagnostic[]): void;
}

export const AGGREGATE_OPS: readonly AggregateOp[] = [
  "count", "sum", "avg", "min", "max", "first", "last", "countDistinct", "key", "windowStart", "windowEnd",
];

function guard<T>(context: ReaderContext, work: () => T): T | undefined {
  try {
    return work();
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    context.report(e.diagnostics);
    return undefined;
  }
}

/** `tumbling("1m")`, `sliding("1m", "10s")` or `session("5m")`, written inline or as a `const`. */
export function windowSpec(node: Node, time: WindowTime, context: ReaderContext): WindowSpec {
  let call: Node | undefined = node;
  while (call && (Node.isParenthesizedExpression(call) || Node.isIdentifier(call))) {
    call = Node.isIdentifier(call) ? constInitializer(call) : call.getExpression();
  }
  const callee = call && Node.isCallExpression(call) ? call.getExpression() : undefined;
  const kind = (["tumbling", "sliding", "session"] as const).find((k) => callee !== undefined && context.isApi(callee, k));
  if (!kind || !Node.isCallExpression(call)) {
    fail("INVALID_OPTION", node, "A window is `tumbling(size)`, `sliding(size, slide)` or `session(gap)`, imported from \"tsflink\".");
  }
  const roles = kind === "sliding" ? ["size", "slide"] : kind === "tumbling" ? ["size"] : ["gap"];
  const durations = call.getArguments().map((arg, i) => {
    const value = context.evaluator.evaluate(arg, "A window's duration");
    const ms = typeof value === "string" ? parseDuration(value) : undefined;
    if (ms === undefined) fail("INVALID_DURATION", arg, String(value));
    if (ms <= 0) fail("INVALID_OPTION", arg, `A window's ${roles[i] ?? "duration"} must be positive, not "${String(value)}": \`${kind}("1m")\`.`);
    return ms;
  });
  if (kind === "tumbling") return { kind, sizeMs: durations[0]!, time };
  if (kind === "sliding") {
    const [sizeMs, slideMs] = durations as [number, number];
    if (slideMs > sizeMs) {
      fail("INVALID_OPTION", call.getArguments()[1]!, "A sliding window's slide must not be longer than its size: the records between the end of one window and the start of the next would fall in none. Use `tumbling(size)` for windows that do not overlap.");
    }
    return { kind, sizeMs, slideMs, time };
  }
  return { kind, gapMs: durations[0]!, time };
}

/**
 * One field of `.aggregate({...})`: `name: agg.op(fn?)`, with the aggregate's type from the
 * op and the translated function (`translate` reports the function's own problems).
 */
export function aggregateField(
  property: Node,
  input: { readonly keyType: IrType; readonly recordType: string },
  id: string,
  translate: (fnNode: Node | undefined, paramTypes: readonly IrType[], contextName: string) => FunctionIr | undefined,
  context: ReaderContext,
): Aggregate {
  if (!Node.isPropertyAssignment(property)) fail("FUNCTION_SHAPE", property, "Each field of 'aggregate' is `name: agg.…(…)`.");
  const name = property.getName().replace(/^["']|["']$/g, "");
  const call = property.getInitializerOrThrow();
  const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
  const op = callee && Node.isPropertyAccessExpression(callee) && context.isApi(callee.getExpression(), "agg") ? callee.getName() : undefined;
  if (!op || !Node.isCallExpression(call) || !AGGREGATE_OPS.includes(op as AggregateOp)) {
    fail("FUNCTION_SHAPE", call, `The field '${name}' must be an aggregator: agg.${AGGREGATE_OPS.join("/")}.`);
  }
  const aggregateOp = op as AggregateOp;
  const fnNode = call.getArguments()[0];
  if (aggregateOp === "count" || aggregateOp === "key" || aggregateOp === "windowStart" || aggregateOp === "windowEnd") {
    const type = aggregateOp === "count" ? "long" : aggregateOp === "key" ? input.keyType : TIMESTAMP;
    return { name, op: aggregateOp, fn: null, type };
  }
  const fn = translate(fnNode, [input.recordType], `${id}_${name}`);
  if (!fn) throw new DiagnosticError([]);
  const valueType = fn.returnType;
  const numeric = valueType === "double" || valueType === "int" || valueType === "long" || isTimestamp(valueType);
  if ((aggregateOp === "sum" || aggregateOp === "avg" || aggregateOp === "min" || aggregateOp === "max") && !numeric) {
    fail("FUNCTION_SHAPE", fnNode!, `agg.${aggregateOp} takes a function returning a required number, Int, Long or Timestamp, not ${describeType(valueType)}.`);
  }
  if (aggregateOp === "countDistinct" && !(valueType === "string" || valueType === "boolean" || numeric || (isNamed(valueType) && context.registry.definition(valueType)?.type === "enum"))) {
    fail("FUNCTION_SHAPE", fnNode!, `agg.countDistinct takes a function returning a required string, number or boolean, not ${describeType(valueType)}.`);
  }
  const type = aggregateOp === "sum" || aggregateOp === "avg" ? "double" : aggregateOp === "countDistinct" ? "long" : valueType;
  return { name, op: aggregateOp, fn, type };
}

/** `{ total: state.value<number>(0), seen: state.map<string, Long>() }`. */
export function stateDeclarations(node: Node | undefined, id: string, context: ReaderContext): StateDecl[] {
  if (!node) return [];
  if (!Node.isObjectLiteralExpression(node)) fail("FUNCTION_SHAPE", node, "`state` is an object literal: `{ total: state.value<number>(0) }`.");
  const declarations: StateDecl[] = [];
  for (const property of node.getProperties()) {
    const declaration = guard(context, (): StateDecl => {
      if (!Node.isPropertyAssignment(property)) fail("FUNCTION_SHAPE", property, "Each state is `name: state.value<T>(initial)` or `name: state.map<K, V>()`.");
      const name = property.getName().replace(/^["']|["']$/g, "");
      const call = property.getInitializerOrThrow();
      const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
      const kind = callee && Node.isPropertyAccessExpression(callee) && context.isApi(callee.getExpression(), "state") ? callee.getName() : undefined;
      if (!Node.isCallExpression(call) || (kind !== "value" && kind !== "map")) {
        fail("FUNCTION_SHAPE", call, "Each state is `name: state.value<T>(initial)` or `name: state.map<K, V>()`.");
      }
      const [first, second] = call.getType().getTypeArguments();
      if (kind === "value") {
        const type = context.registry.declared(first!, `${avroName(id)}_${name}`, call, `the state '${name}'`);
        const initialNode = call.getArguments()[0];
        if (!initialNode) fail("FUNCTION_SHAPE", call, "A value state needs an initial value: `state.value<number>(0)`.");
        const translator = new FunctionTranslator(context.registry, avroName(`${id}_${name}`));
        const initial = translator.translateConstant(initialNode as Expression, type);
        if (!initial) throw new DiagnosticError(translator.errors);
        return { name, kind: "value", type, initial };
      }
      const keyType = context.registry.declared(first!, `${avroName(id)}_${name}_key`, call, `the keys of the state '${name}'`);
      if (keyType !== "string" && keyType !== "double" && keyType !== "int" && keyType !== "long" && keyType !== "boolean") {
        fail("KEY_TYPE", call, "map state's key", describeType(keyType), "string, number, Int, Long or boolean: `state.map<string, number>()`");
      }
      const type = context.registry.declared(second!, `${avroName(id)}_${name}`, call, `the values of the state '${name}'`);
      return { name, kind: "map", keyType, type };
    });
    if (declaration) declarations.push(declaration);
  }
  return declarations;
}

/** `between: ["-5m", "0s"]`: signed durations, lower first. */
export function between(options: StaticObject): { lowerMs: number; upperMs: number } {
  const entry = options.entries.get("between");
  const value = entry?.value;
  if (!entry || !Array.isArray(value) || value.length !== 2) fail("INVALID_OPTION", entry?.node ?? options.node, "`between` is two durations, lower first: `[\"-5m\", \"0s\"]`.");
  const [lowerMs, upperMs] = value.map((v: StaticValue) => {
    const text = typeof v === "string" ? v.trim() : "";
    const negative = text.startsWith("-");
    const ms = parseDuration(negative ? text.slice(1) : text);
    if (ms === undefined) fail("INVALID_DURATION", entry.node, String(v));
    return negative ? -ms : ms;
  }) as [number, number];
  if (lowerMs > upperMs) fail("INVALID_OPTION", entry.node, "`between` is [lower, upper] with lower ≤ upper.");
  return { lowerMs, upperMs };
}
