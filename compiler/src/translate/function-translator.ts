import { Node, SyntaxKind, ts, type Expression, type NumericLiteral, type Type } from "ts-morph";
import { DiagnosticError, diagnostic, fail, type Diagnostic } from "../diagnostics/diagnostic.js";
import { expr, type BuiltinName, type ExprNode, type FunctionIr, type MethodId } from "../ir/expression-nodes.js";
import { isArray, isNamed, isNullable, isNumeric, nonNull, sameType, type IrType } from "../ir/ir-types.js";
import { numericLiteralValue, staticLiteral } from "../extract/static-evaluator.js";
import type { TypeRegistry } from "./type-registry.js";

/** An argument's kind: the TypeScript types already match; these say how many and which. */
type ArgKind = "string" | "number" | "any";
interface Signature {
  /** Required arguments, then optional ones. */
  readonly args: readonly ArgKind[];
  readonly optional?: readonly ArgKind[];
  /** For Math.min/max: any number of further arguments of the last kind. */
  readonly rest?: boolean;
  readonly type: IrType;
}
const STRING_METHODS: Readonly<Record<string, Signature & { method: MethodId }>> = {
  toUpperCase: { method: "string.toUpperCase", args: [], type: "string" },
  toLowerCase: { method: "string.toLowerCase", args: [], type: "string" },
  trim: { method: "string.trim", args: [], type: "string" },
  trimStart: { method: "string.trimStart", args: [], type: "string" },
  trimEnd: { method: "string.trimEnd", args: [], type: "string" },
  includes: { method: "string.includes", args: ["string"], type: "boolean" },
  startsWith: { method: "string.startsWith", args: ["string"], type: "boolean" },
  endsWith: { method: "string.endsWith", args: ["string"], type: "boolean" },
  slice: { method: "string.slice", args: ["number"], optional: ["number"], type: "string" },
  substring: { method: "string.substring", args: ["number"], optional: ["number"], type: "string" },
  indexOf: { method: "string.indexOf", args: ["string"], type: "double" },
  padStart: { method: "string.padStart", args: ["number"], optional: ["string"], type: "string" },
  padEnd: { method: "string.padEnd", args: ["number"], optional: ["string"], type: "string" },
  replace: { method: "string.replace", args: ["string", "string"], type: "string" },
  replaceAll: { method: "string.replaceAll", args: ["string", "string"], type: "string" },
  charAt: { method: "string.charAt", args: ["number"], type: "string" },
  repeat: { method: "string.repeat", args: ["number"], type: "string" },
};
const MATH_UNARY = ["abs", "round", "floor", "ceil", "sqrt", "log", "exp", "trunc", "sign"] as const;
const BUILTINS: Readonly<Record<string, Signature & { name: BuiltinName }>> = {
  ...Object.fromEntries(MATH_UNARY.map((m) => [`Math.${m}`, { name: `Math.${m}` as BuiltinName, args: ["number"], type: "double" }])),
  "Math.min": { name: "Math.min", args: ["number", "number"], rest: true, type: "double" },
  "Math.max": { name: "Math.max", args: ["number", "number"], rest: true, type: "double" },
  "Math.pow": { name: "Math.pow", args: ["number", "number"], type: "double" },
  Number: { name: "Number", args: ["any"], type: "double" },
  String: { name: "String", args: ["any"], type: "string" },
  parseInt: { name: "parseInt", args: ["string"], optional: ["number"], type: "double" },
  parseFloat: { name: "parseFloat", args: ["string"], type: "double" },
  "Number.isFinite": { name: "Number.isFinite", args: ["any"], type: "boolean" },
  "Number.isInteger": { name: "Number.isInteger", args: ["any"], type: "boolean" },
};
const SUPPORTED_CALLS =
  "string.toUpperCase(), toLowerCase(), trim(), trimStart(), trimEnd(), includes(s), startsWith(s), endsWith(s), " +
  "slice(start, end?), substring(start, end?), indexOf(s), padStart(n, fill?), padEnd(n, fill?), replace(s, r), " +
  "replaceAll(s, r), charAt(i), repeat(n), .length of strings and arrays, " +
  "Math.abs/round/floor/ceil/min/max/pow/sqrt/log/exp/trunc/sign, Number(x), String(x), parseInt(s, radix?), " +
  "parseFloat(s), Number.isFinite(x), Number.isInteger(x)";
/** Placeholder for a sub-expression that failed; what is built on it is not reported again. */
const FAILED: ExprNode = expr.literal(null, "null");
const IMPURE_GLOBALS = new Set(["Date", "Math", "crypto", "performance", "console", "fetch", "process", "require", "setTimeout", "setInterval"]);
const BINARY: Readonly<Partial<Record<SyntaxKind, "-" | "*" | "/" | "%" | "<" | "<=" | ">" | ">=" | "===" | "!==">>> = {
  [SyntaxKind.MinusToken]: "-",
  [SyntaxKind.AsteriskToken]: "*",
  [SyntaxKind.SlashToken]: "/",
  [SyntaxKind.PercentToken]: "%",
  [SyntaxKind.LessThanToken]: "<",
  [SyntaxKind.LessThanEqualsToken]: "<=",
  [SyntaxKind.GreaterThanToken]: ">",
  [SyntaxKind.GreaterThanEqualsToken]: ">=",
  [SyntaxKind.EqualsEqualsEqualsToken]: "===",
  [SyntaxKind.ExclamationEqualsEqualsToken]: "!==",
};
const LOGICAL: Readonly<Partial<Record<SyntaxKind, "&&" | "||" | "??">>> = {
  [SyntaxKind.AmpersandAmpersandToken]: "&&",
  [SyntaxKind.BarBarToken]: "||",
  [SyntaxKind.QuestionQuestionToken]: "??",
};

/**
 * Translates one user function (`(o) => …`) into the expression IR, through the type checker.
 * It never stops at the first problem: every unsupported construct in the function becomes a
 * diagnostic, and the caller gets them all.
 */
export class FunctionTranslator {
  readonly #errors: Diagnostic[] = [];
  readonly #params = new Map<string, IrType>();

  constructor(
    private readonly registry: TypeRegistry,
    /** Name for anonymous record types this function creates (`paid_Out`). */
    private readonly contextName: string,
  ) {}

  translate(fn: Node, paramTypes: readonly IrType[]): { fn?: FunctionIr; errors: readonly Diagnostic[] } {
    if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", fn, "Pass the function inline as an arrow function: `(record) => expression`."));
      return { errors: this.#errors };
    }
    const params = fn.getParameters();
    if (params.length !== paramTypes.length) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", fn, `This function must take exactly ${paramTypes.length} parameter(s).`));
      return { errors: this.#errors };
    }
    const irParams = params.map((p, i) => {
      const nameNode = p.getNameNode();
      if (!Node.isIdentifier(nameNode)) {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", nameNode, "A destructuring parameter", "Name the parameter and read its fields: `(o) => o.amount`."));
      }
      const name = nameNode.getText();
      this.#params.set(name, paramTypes[i]!);
      return { name, type: paramTypes[i]! };
    });
    const body = fn.getBody();
    if (!body || Node.isBlock(body)) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", body ?? fn, "Write the function with an expression body: `(o) => expression`, not a `{ … }` block."));
      return { errors: this.#errors };
    }
    const translated = this.#child(body as Expression, this.contextName);
    if (this.#errors.length > 0) return { errors: this.#errors };
    const returnType = this.registry.declared(fn.getReturnType(), this.contextName, fn, "the function's result");
    return { fn: Object.freeze({ params: Object.freeze(irParams), body: translated, returnType }), errors: [] };
  }

  /** Translates a sub-expression, recording a failure and going on with a placeholder. */
  #child(node: Expression, contextName: string): ExprNode {
    try {
      return this.#expression(node, contextName);
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      this.#errors.push(...e.diagnostics);
      return FAILED;
    }
  }

  #typeOf(node: Node, contextName: string): IrType {
    return this.registry.ofExpression(node.getType(), contextName, node);
  }

  #expression(node: Expression, contextName: string): ExprNode {
    if (Node.isParenthesizedExpression(node)) return this.#child(node.getExpression(), contextName);
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return expr.literal(node.getLiteralValue(), "string");
    if (Node.isNumericLiteral(node)) return finiteLiteral(numericLiteralValue(node), node);
    if (Node.isTrueLiteral(node)) return expr.literal(true, "boolean");
    if (Node.isFalseLiteral(node)) return expr.literal(false, "boolean");
    if (Node.isNullLiteral(node)) return expr.literal(null, "null");
    if (Node.isIdentifier(node)) return this.#identifier(node);
    if (Node.isPropertyAccessExpression(node)) return this.#propertyAccess(node, contextName);
    if (Node.isCallExpression(node)) return this.#call(node);
    if (Node.isBinaryExpression(node)) return this.#binary(node, contextName);
    if (Node.isPrefixUnaryExpression(node)) return this.#prefixUnary(node);
    if (Node.isConditionalExpression(node)) {
      return expr.conditional(
        this.#child(node.getCondition(), contextName),
        this.#child(node.getWhenTrue(), contextName),
        this.#child(node.getWhenFalse(), contextName),
        this.#typeOf(node, contextName),
      );
    }
    if (Node.isTemplateExpression(node)) {
      const parts: ExprNode[] = [];
      if (node.getHead().getLiteralText() !== "") parts.push(expr.literal(node.getHead().getLiteralText(), "string"));
      for (const span of node.getTemplateSpans()) {
        parts.push(this.#child(span.getExpression(), contextName));
        const text = span.getLiteral().getLiteralText();
        if (text !== "") parts.push(expr.literal(text, "string"));
      }
      return expr.concat(parts);
    }
    if (Node.isObjectLiteralExpression(node)) return this.#objectLiteral(node, contextName);
    if (Node.isAsExpression(node) || Node.isTypeAssertion(node) || Node.isSatisfiesExpression(node)) {
      const operand = this.#child(node.getExpression(), contextName);
      const target = this.#typeOf(node, contextName);
      return sameType(operand.type, target) || Node.isSatisfiesExpression(node) ? operand : expr.coerce(operand, target);
    }
    if (Node.isNonNullExpression(node)) {
      const operand = this.#child(node.getExpression(), contextName);
      return operand;
    }
    if (Node.isAwaitExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "`await`", "Pipeline functions are synchronous and pure: compute from the record's fields.");
    if (Node.isThisExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "`this`", "Read values from the function's parameter instead.");
    if (Node.isNewExpression(node)) {
      const callee = node.getExpression().getText();
      if (callee === "Date") fail("NON_DETERMINISTIC", node, "`new Date()`", "Use a Timestamp field of the record (epoch milliseconds).");
      fail("UNSUPPORTED_SYNTAX", node, `\`new ${callee}(…)\``, "Build records with object literals: `({ field: value })`.");
    }
    if (Node.isClassExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "A class", "Use object literals for records.");
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
      fail("UNSUPPORTED_SYNTAX", node, "A nested function", "Write the computation inline.");
    }
    if (Node.isArrayLiteralExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "An array literal", "Read arrays from the record's fields.");
    if (Node.isElementAccessExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "Indexing with `[…]`", "Read fields by name: `o.field`.");
    if (Node.isPostfixUnaryExpression(node)) fail("UNSUPPORTED_SYNTAX", node, `\`${node.getText()}\``, "Values are immutable: write `x + 1`.");
    if (Node.isTypeOfExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "`typeof`", "Field types are known at compile time; compare values instead.");
    fail("UNSUPPORTED_SYNTAX", node, `This ${describeSyntax(node)}`, "Use field access, arithmetic, comparisons, &&, ||, ??, ?:, template strings and object literals.");
  }

  #identifier(node: Node): ExprNode {
    const name = node.getText();
    const paramType = this.#params.get(name);
    if (paramType !== undefined && this.#resolvesToParameter(node)) return expr.ref(name, paramType);
    if (name === "undefined") return expr.literal(null, "null");
    const constant = staticLiteral(node);
    if (constant !== undefined) {
      if (typeof constant === "number") return finiteLiteral(constant, node);
      return expr.literal(constant, typeof constant === "string" ? "string" : "boolean");
    }
    if (IMPURE_GLOBALS.has(name)) fail("NON_DETERMINISTIC", node, `'${name}'`, "Compute from the record's fields only.");
    const declaration = node.getSymbol()?.getDeclarations()[0];
    const list = declaration?.getFirstAncestorByKind(SyntaxKind.VariableDeclarationList);
    const mutable = list !== undefined && (list.compilerNode.flags & ts.NodeFlags.Const) === 0;
    fail(
      "NOT_IN_SCOPE",
      node,
      name,
      mutable
        ? "It is a mutable variable: declare it with `const` at module level and a literal value."
        : "Pass the value in through the record, or declare it as a module-level `const` with a literal value.",
    );
  }

  #resolvesToParameter(node: Node): boolean {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    return declaration !== undefined && Node.isParameterDeclaration(declaration);
  }

  #inOptionalChain(node: Node): boolean {
    return (node.compilerNode.flags & ts.NodeFlags.OptionalChain) !== 0;
  }

  /** `a?.m()` is `a === null ? null : a.m()`: the schema's `call` has no optional form. */
  #guardNull(target: ExprNode, node: Node, build: (t: ExprNode) => ExprNode): ExprNode {
    if (!isNullable(target.type) || !this.#inOptionalChain(node)) return build(target);
    const call = build(target);
    const isNull = expr.binary("===", target, expr.literal(null, "null"), "boolean");
    return expr.conditional(isNull, expr.literal(null, "null"), call, isNullable(call.type) ? call.type : ["null", call.type]);
  }

  #propertyAccess(node: Node & { getExpression(): Expression; getName(): string }, contextName: string): ExprNode {
    const receiver = node.getExpression();
    const receiverText = receiver.getText();
    if (IMPURE_GLOBALS.has(receiverText) && !this.#params.has(receiverText)) {
      fail("NON_DETERMINISTIC", node, `'${node.getText()}'`, "Compute from the record's fields only.");
    }
    const constant = staticLiteral(node);
    if (constant !== undefined) {
      if (typeof constant === "number") return finiteLiteral(constant, node);
      return expr.literal(constant, typeof constant === "string" ? "string" : "boolean");
    }
    const target = this.#child(receiver, contextName);
    if (target === FAILED) return FAILED;
    const name = node.getName();
    const targetType = nonNull(target.type);
    if (name === "length" && (targetType === "string" || isArray(targetType))) {
      const method: MethodId = targetType === "string" ? "string.length" : "array.length";
      return this.#guardNull(target, node, (t) => expr.call(method, t, [], "double"));
    }
    if (!isNamed(targetType)) fail("UNKNOWN_CALL", node, `.${name}`, SUPPORTED_CALLS);
    const record = this.registry.definition(targetType);
    if (record?.type !== "record") fail("UNKNOWN_CALL", node, `.${name}`, SUPPORTED_CALLS);
    const field = record.fields.find((f) => f.name === name);
    if (!field) fail("UNKNOWN_CALL", node, `.${name}`, SUPPORTED_CALLS);
    const optional = isNullable(target.type) && this.#inOptionalChain(node);
    const type = optional && !isNullable(field.type) ? (["null", field.type] as const) : field.type;
    return expr.field(target, name, type, optional);
  }

  #call(node: Node & { getExpression(): Expression; getArguments(): Node[] }): ExprNode {
    const callee = node.getExpression();
    const builtin = this.#builtin(callee);
    if (builtin !== undefined) {
      const args = this.#arguments(node, callee.getText(), builtin);
      return expr.builtin(builtin.name, args, builtin.type);
    }
    if (!Node.isPropertyAccessExpression(callee)) {
      const name = callee.getText();
      if (IMPURE_GLOBALS.has(name)) fail("NON_DETERMINISTIC", node, `'${name}()'`, "Compute from the record's fields only.");
      fail("UNKNOWN_CALL", callee, `${name}()`, SUPPORTED_CALLS);
    }
    const receiverText = callee.getExpression().getText();
    if (IMPURE_GLOBALS.has(receiverText) && !this.#params.has(receiverText)) {
      fail("NON_DETERMINISTIC", node, `'${callee.getText()}()'`, "Compute from the record's fields only.");
    }
    const target = this.#child(callee.getExpression(), this.contextName);
    if (target === FAILED) return FAILED;
    const methodName = callee.getName();
    const spec = Object.hasOwn(STRING_METHODS, methodName) ? STRING_METHODS[methodName] : undefined;
    if (nonNull(target.type) !== "string" || spec === undefined) {
      fail("UNKNOWN_CALL", callee.getNameNode(), `${methodName}()`, SUPPORTED_CALLS);
    }
    if (spec.method === "string.replace" || spec.method === "string.replaceAll") {
      const pattern = node.getArguments()[0];
      if (pattern !== undefined && Node.isRegularExpressionLiteral(pattern)) fail("REGEXP_PATTERN", pattern, methodName);
    }
    const irArgs = this.#arguments(node, methodName, spec);
    return this.#guardNull(target, callee, (t) => expr.call(spec.method, t, irArgs, spec.type));
  }

  /** The global function a callee names (`Math.max`, `parseInt`), unless a parameter shadows it. */
  #builtin(callee: Expression): (Signature & { name: BuiltinName }) | undefined {
    const root = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
    if (!Node.isIdentifier(root) || this.#params.has(root.getText())) return undefined;
    const text = Node.isPropertyAccessExpression(callee) ? `${root.getText()}.${callee.getName()}` : root.getText();
    if (!Object.hasOwn(BUILTINS, text)) return undefined;
    // Only JavaScript's own: a module binding of the same name is the user's function.
    const declaration = root.getSymbol()?.getDeclarations()[0];
    return declaration === undefined || declaration.getSourceFile().isDeclarationFile() ? BUILTINS[text] : undefined;
  }

  #arguments(node: Node & { getArguments(): Node[] }, name: string, spec: Signature): ExprNode[] {
    const args = node.getArguments();
    const optional = spec.optional ?? [];
    const min = spec.args.length;
    const max = spec.rest ? Infinity : min + optional.length;
    if (args.length < min || args.length > max) {
      const count = spec.rest ? `at least ${min}` : optional.length === 0 ? `exactly ${min}` : `${min} to ${max}`;
      fail("FUNCTION_SHAPE", node, `'${name}' is supported with ${count} argument(s) here.`);
    }
    const kinds = [...spec.args, ...optional];
    return args.map((a, i) => {
      if (Node.isSpreadElement(a)) fail("UNSUPPORTED_SYNTAX", a, "Spreading `...` into a call", "Pass each argument by name.");
      const ir = this.#child(a as Expression, this.contextName);
      const kind = kinds[Math.min(i, kinds.length - 1)]!;
      if (ir === FAILED || kind === "any") return ir;
      const ok = kind === "string" ? nonNull(ir.type) === "string" : isNumeric(nonNull(ir.type));
      if (!ok) fail("FUNCTION_SHAPE", a, `Argument ${i + 1} of '${name}' must be a ${kind}.`);
      return ir;
    });
  }

  #binary(node: Node & { getLeft(): Expression; getRight(): Expression; getOperatorToken(): Node }, contextName: string): ExprNode {
    const kind = node.getOperatorToken().getKind();
    const left = this.#child(node.getLeft(), contextName);
    const right = this.#child(node.getRight(), contextName);
    const logical = LOGICAL[kind];
    if (logical !== undefined) return expr.logical(logical, left, right, this.#typeOf(node, contextName));
    if (kind === SyntaxKind.PlusToken) {
      if (isStringy(node.getLeft().getType()) || isStringy(node.getRight().getType())) {
        const parts = [...(left.kind === "concat" ? left.parts : [left]), ...(right.kind === "concat" ? right.parts : [right])];
        return expr.concat(parts);
      }
      return expr.binary("+", left, right, "double");
    }
    if (kind === SyntaxKind.EqualsEqualsToken || kind === SyntaxKind.ExclamationEqualsToken) {
      const op = kind === SyntaxKind.EqualsEqualsToken ? "==" : "!=";
      fail("UNSUPPORTED_SYNTAX", node.getOperatorToken(), `Loose equality \`${op}\``, `Use \`${op}=\`, which compares without conversion.`);
    }
    const op = BINARY[kind];
    if (op === undefined) {
      fail("UNSUPPORTED_SYNTAX", node.getOperatorToken(), `The operator \`${node.getOperatorToken().getText()}\``, "Use + - * / %, comparisons, ===, !==, &&, || and ??.");
    }
    const comparison = op === "<" || op === "<=" || op === ">" || op === ">=" || op === "===" || op === "!==";
    return expr.binary(op, left, right, comparison ? "boolean" : "double");
  }

  #prefixUnary(node: Node & { getOperand(): Expression; getOperatorToken(): SyntaxKind }): ExprNode {
    const token = node.getOperatorToken();
    const operand = this.#child(node.getOperand(), this.contextName);
    if (token === SyntaxKind.ExclamationToken) return expr.unary("!", operand, "boolean");
    if (token === SyntaxKind.MinusToken || token === SyntaxKind.PlusToken) {
      if (Node.isNumericLiteral(node.getOperand()) && token === SyntaxKind.MinusToken) {
        return finiteLiteral(-numericLiteralValue(node.getOperand() as NumericLiteral), node);
      }
      if (nonNull(operand.type) === "string") {
        fail("UNSUPPORTED_SYNTAX", node, "Unary `+`/`-` on a string", "Numbers come from numeric fields.");
      }
      return expr.unary(token === SyntaxKind.MinusToken ? "-" : "+", operand, "double");
    }
    fail("UNSUPPORTED_SYNTAX", node, `\`${node.getText()}\``, "Values are immutable: write `x + 1`, `!x`, `-x`.");
  }

  #objectLiteral(node: Node & { getProperties(): Node[] }, contextName: string): ExprNode {
    const type = this.registry.declared(node.getType(), contextName, node, "this object");
    const record = isNamed(type) ? this.registry.definition(type) : undefined;
    if (record?.type !== "record") fail("UNSUPPORTED_SYNTAX", node, "This object", "Build a record with named fields.");
    const values = new Map<string, ExprNode>();
    for (const property of node.getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        if (Node.isComputedPropertyName(nameNode)) {
          fail("UNSUPPORTED_SYNTAX", nameNode, "A computed field name", "Name each field literally: `{ total: … }`.");
        }
        const name = property.getName().replace(/^["']|["']$/g, "");
        values.set(name, this.#child(property.getInitializerOrThrow(), `${record.name}_${name}`));
      } else if (Node.isShorthandPropertyAssignment(property)) {
        values.set(property.getName(), this.#identifier(property.getNameNode()));
      } else if (Node.isSpreadAssignment(property)) {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", property, "Spreading `...` into a record", "List the fields you want: `{ id: o.id, amount: o.amount }`."));
      } else {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", property, "A method or accessor in a record", "Records hold data only: `{ field: value }`."));
      }
    }
    const fields = record.fields.map((f) => ({ name: f.name, value: values.get(f.name) ?? expr.literal(null, "null") }));
    return expr.object(fields, type);
  }
}

/** JSON, and so the graph, has no NaN or infinities: such a constant cannot be a literal. */
function finiteLiteral(value: number, node: Node): ExprNode {
  if (!Number.isFinite(value)) {
    fail("UNSUPPORTED_SYNTAX", node, `The constant ${value}`, "Write a finite number, or compute the value from the record's fields.");
  }
  return expr.literal(value, "double");
}

function isStringy(type: Type): boolean {
  const t = type.isUnion() ? type.getUnionTypes().filter((m) => !m.isNull() && !m.isUndefined()) : [type];
  return t.length > 0 && t.every((m) => m.isString() || m.isStringLiteral() || m.isTemplateLiteral());
}

function describeSyntax(node: Node): string {
  return node
    .getKindName()
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}
