import { Node, SyntaxKind, ts, type Expression, type NumericLiteral } from "ts-morph";
import { fail } from "../diagnostics/diagnostic.js";

/** A value the compiler knows without running the program. */
export type StaticValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | StaticObject
  | readonly StaticValue[]
  | ConnectorCall
  | StaticFunction;

export interface StaticObject {
  readonly kind: "object";
  readonly node: Node;
  readonly entries: ReadonlyMap<string, { readonly value: StaticValue; readonly node: Node }>;
}
/** A call such as `kafka.sink({...})` whose callee is declared by tsflink's connectors. */
export interface ConnectorCall {
  readonly kind: "connector";
  readonly connector: string;
  readonly method: string;
  readonly node: Node;
  readonly options: StaticObject;
}
/** A function value (an option such as a key extractor); translated later, not evaluated. */
export interface StaticFunction {
  readonly kind: "function";
  readonly node: Node;
}

/** Recognises a call whose callee is declared in a tsflink connector file. */
export type ConnectorResolver = (call: Node) => { connector: string; method: string } | undefined;

/**
 * Evaluates configuration and options at compile time: literals, object and array literals,
 * template strings of constants, references to `const` declarations with static initialisers,
 * and connector calls. Anything else is refused, naming what was being evaluated.
 */
export class StaticEvaluator {
  constructor(private readonly resolveConnector: ConnectorResolver) {}

  evaluate(node: Node, what: string): StaticValue {
    if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
      return this.evaluate(node.getExpression(), what);
    }
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isNumericLiteral(node)) return numericLiteralValue(node);
    if (Node.isTrueLiteral(node)) return true;
    if (Node.isFalseLiteral(node)) return false;
    if (Node.isNullLiteral(node)) return null;
    if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
      const operand = this.evaluate(node.getOperand(), what);
      if (typeof operand === "number") return -operand;
    }
    if (Node.isTemplateExpression(node)) {
      let text = node.getHead().getLiteralText();
      for (const span of node.getTemplateSpans()) {
        const value = this.evaluate(span.getExpression(), what);
        if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") fail("NOT_STATIC", span, what);
        text += String(value) + span.getLiteral().getLiteralText();
      }
      return text;
    }
    if (Node.isArrayLiteralExpression(node)) return node.getElements().map((e) => this.evaluate(e, what));
    if (Node.isObjectLiteralExpression(node)) return this.#object(node, what);
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return { kind: "function", node };
    if (Node.isCallExpression(node)) {
      const connector = this.resolveConnector(node);
      if (connector) {
        const args = node.getArguments();
        const options = args[0] === undefined ? undefined : this.evaluate(args[0], `The options of ${connector.connector}.${connector.method}`);
        if (!isStaticObject(options)) fail("NOT_STATIC", args[0] ?? node, `The options of ${connector.connector}.${connector.method}`);
        return { kind: "connector", ...connector, node, options };
      }
    }
    if (Node.isIdentifier(node) && node.getText() === "undefined") return undefined;
    if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) {
      const initializer = constInitializer(node);
      if (initializer) return this.evaluate(initializer, what);
      if (Node.isPropertyAccessExpression(node)) {
        const owner = this.evaluate(node.getExpression(), what);
        if (isStaticObject(owner)) return owner.entries.get(node.getName())?.value;
      }
    }
    fail("NOT_STATIC", node, what);
  }

  #object(node: Node & { getProperties(): Node[] }, what: string): StaticObject {
    const entries = new Map<string, { value: StaticValue; node: Node }>();
    for (const property of node.getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        if (Node.isComputedPropertyName(property.getNameNode())) fail("NOT_STATIC", property, what);
        const name = property.getName().replace(/^["']|["']$/g, "");
        entries.set(name, { value: this.evaluate(property.getInitializerOrThrow(), what), node: property.getInitializerOrThrow() });
      } else if (Node.isShorthandPropertyAssignment(property)) {
        entries.set(property.getName(), { value: this.evaluate(property.getNameNode(), what), node: property });
      } else if (Node.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.getExpression(), what);
        if (!isStaticObject(spread)) fail("NOT_STATIC", property, what);
        for (const [k, v] of spread.entries) entries.set(k, v);
      } else if (Node.isMethodDeclaration(property)) {
        entries.set(property.getName(), { value: { kind: "function", node: property }, node: property });
      } else {
        fail("NOT_STATIC", property, what);
      }
    }
    return { kind: "object", node, entries };
  }
}

export function isStaticObject(v: StaticValue): v is StaticObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && (v as StaticObject).kind === "object";
}
export function isConnectorCall(v: StaticValue): v is ConnectorCall {
  return typeof v === "object" && v !== null && !Array.isArray(v) && (v as ConnectorCall).kind === "connector";
}

/** The initialiser of the `const` a name refers to, or undefined when it is anything else. */
export function constInitializer(node: Node): Expression | undefined {
  const symbol = node.getSymbol();
  const resolved = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
  const declaration = resolved?.getDeclarations()[0];
  if (!declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.getParent();
  if (!Node.isVariableDeclarationList(list) || (list.compilerNode.flags & ts.NodeFlags.Const) === 0) return undefined;
  return declaration.getInitializer();
}

/**
 * A string, number or boolean that a name stands for at compile time (a module-level
 * `const LIMIT = 500`), or undefined when the name is anything else.
 */
export function staticLiteral(node: Node): string | number | boolean | undefined {
  const initializer = constInitializer(node);
  if (!initializer) return undefined;
  let inner: Node = initializer;
  while (Node.isParenthesizedExpression(inner) || Node.isAsExpression(inner)) inner = inner.getExpression();
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  if (Node.isNumericLiteral(inner)) return numericLiteralValue(inner);
  if (Node.isPrefixUnaryExpression(inner) && inner.getOperatorToken() === SyntaxKind.MinusToken) {
    const operand = inner.getOperand();
    if (Node.isNumericLiteral(operand)) return -numericLiteralValue(operand);
  }
  if (Node.isTrueLiteral(inner)) return true;
  if (Node.isFalseLiteral(inner)) return false;
  if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) return staticLiteral(inner);
  return undefined;
}

/**
 * The value of a numeric literal as JavaScript reads it. ts-morph's `getLiteralValue()` returns 1
 * for literals whose text has an exponent (`1e21`, `1e-7`), so the source text is parsed instead;
 * `Number` reads hex, octal and binary forms, and numeric separators are dropped first.
 */
export function numericLiteralValue(node: NumericLiteral): number {
  return Number(node.getText().replace(/_/g, ""));
}
