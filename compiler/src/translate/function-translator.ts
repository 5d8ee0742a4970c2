import { Node, SyntaxKind, ts, type Expression, type NumericLiteral, type Statement as TsStatement, type Type } from "ts-morph";
import { DiagnosticError, diagnostic, fail, type Diagnostic } from "../diagnostics/diagnostic.js";
import { expr, type ExprNode, type FunctionIr, type MethodId, type Param } from "../ir/expression-nodes.js";
import {
  TIMESTAMP, arrayOf, describeType, isArray, isMap, isNamed, isNullable, isNumeric, isTimestamp, nonNull, nullable, sameType,
  type IrType,
} from "../ir/ir-types.js";
import { stmt, type Procedure, type Statement } from "../ir/statement-nodes.js";
import { numericLiteralValue, staticLiteral } from "../extract/static-evaluator.js";
import {
  ARRAY_FUNCTION_METHODS, ARRAY_METHODS, BUILTINS, NUMERIC_BUILTINS, STRING_METHODS, SUPPORTED_CALLS, type Signature,
} from "./call-signatures.js";
import { isOwnEntryRead, OBJECT_PROTOTYPE_KEYS } from "./own-map-read.js";
import { typeText, type TypeRegistry } from "./type-registry.js";

/** Placeholder for a sub-expression that failed; what is built on it is not reported again. */
const FAILED: ExprNode = expr.literal(null, "null");
const NON_DETERMINISTIC_GLOBALS = new Set(["Date", "Math", "crypto", "performance", "setTimeout", "setInterval"]);
const IO_GLOBALS = new Set(["console", "fetch", "process", "require", "XMLHttpRequest", "WebSocket"]);
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
const INT_RANGE = { min: -2_147_483_648, max: 2_147_483_647, text: "-2147483648 to 2147483647" };
const LONG_RANGE = { min: -(2 ** 63), max: 2 ** 63, text: "-2^63 to 2^63 - 1" };
const LOOPS: Readonly<Partial<Record<SyntaxKind, string>>> = {
  [SyntaxKind.ForStatement]: "for",
  [SyntaxKind.ForOfStatement]: "for…of",
  [SyntaxKind.ForInStatement]: "for…in",
  [SyntaxKind.WhileStatement]: "while",
  [SyntaxKind.DoStatement]: "do…while",
};

/** Statements a function body or handler may not contain: what each is, and what to write instead. */
const STATEMENT_REFUSALS: Readonly<Partial<Record<SyntaxKind, { what: string; instead: string }>>> = {
  [SyntaxKind.SwitchStatement]: {
    what: "`switch`",
    instead: "Write each case as an `if` on the value, `if (o.status === \"PAID\") …`, with `else if` for the next case and `else` for the default; or choose a value with `?:`.",
  },
  [SyntaxKind.TryStatement]: {
    what: "`try`",
    instead: "Nothing can be caught: a record whose function fails (say, `\"x\".repeat(-1)`) is dropped and counted as a record error. Test for the case with `if` instead.",
  },
  [SyntaxKind.ThrowStatement]: {
    what: "`throw`",
    instead: "A function cannot fail on purpose: drop the records you cannot handle with `.filter(…)` before it.",
  },
  [SyntaxKind.LabeledStatement]: {
    what: "A labelled statement",
    instead: "A label serves `break` and `continue`, which only loops have: remove the label.",
  },
  [SyntaxKind.DebuggerStatement]: {
    what: "`debugger`",
    instead: "Remove it: the function runs as generated Java on the cluster, where no JavaScript debugger stops.",
  },
  [SyntaxKind.FunctionDeclaration]: {
    what: "A nested function declaration",
    instead: "Functions are only arguments of array methods (`xs.map((x) => …)`): write the computation inline, or bind its result with `const`.",
  },
  [SyntaxKind.EnumDeclaration]: {
    what: "An `enum` declaration",
    instead: "Use a string-literal union type declared at module level: `type Level = \"LOW\" | \"HIGH\"`.",
  },
  [SyntaxKind.ExpressionStatement]: {
    what: "An expression statement",
    instead: "Its value would be thrown away: bind it with `const` and use it, or remove it.",
  },
};

/** What a name inside a translated function stands for. */
type Binding =
  | { readonly kind: "value"; readonly type: IrType }
  /** The `s` of a process handler. */
  | { readonly kind: "state-view" }
  /** The `out` of a process handler. */
  | { readonly kind: "out" }
  /** The `ctx` of a process handler. */
  | { readonly kind: "context" }
  /** A name whose declaration was refused (already reported): its uses are not reported again. */
  | { readonly kind: "failed" };

/** Lexical scopes, innermost first; immutable, so a saved scope can be returned to. */
interface Scope {
  readonly parent: Scope | undefined;
  readonly names: ReadonlyMap<string, Binding>;
}

/** A state a `process` node declares, as its handlers see it. */
export interface StateInfo {
  readonly kind: "value" | "map";
  readonly type: IrType;
}

/** What a `process` handler may use besides its own parameters. */
export interface ProcedureContext {
  readonly state: ReadonlyMap<string, StateInfo>;
  /** States whose declaration failed (already reported): their uses are not reported again. */
  readonly failedStates: ReadonlySet<string>;
  readonly keyType: IrType;
  /** The record type `out: Out<T>` declares, when the pipeline names one. */
  readonly declaredOutput: IrType | undefined;
}

export interface ProcedureResult {
  readonly procedure?: Procedure;
  /** Each `out.emit(value)`, for the node's output type. */
  readonly emitted: readonly { readonly value: ExprNode; readonly at: Node }[];
  /** Where `ctx.timer(at)` is called: timers need event time. */
  readonly timers: readonly Node[];
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

type FunctionNode = Node & {
  getParameters(): Node[];
  getBody(): Node | undefined;
  getReturnType(): Type;
};

/**
 * Translates user functions (`(o) => …`) and `process` handlers into the IR, through the type
 * checker. It never stops at the first problem: every unsupported construct in the function
 * becomes a diagnostic, and the caller gets them all.
 */
export class FunctionTranslator {
  readonly #errors: Diagnostic[] = [];
  readonly #warnings: Diagnostic[] = [];
  #scope: Scope = { parent: undefined, names: new Map() };
  /** Types of conditionals that are branches of an outer one, known from it. */
  readonly #branchTypes = new Map<Node, IrType>();
  #procedure: (ProcedureContext & { emitted: { value: ExprNode; at: Node }[]; timers: Node[] }) | undefined;

  constructor(
    private readonly registry: TypeRegistry,
    /** Name for anonymous record types this function creates (`paid_Out`). */
    private readonly contextName: string,
  ) {}

  get warnings(): readonly Diagnostic[] {
    return this.#warnings;
  }

  translate(fn: Node, paramTypes: readonly IrType[]): { fn?: FunctionIr; errors: readonly Diagnostic[]; warnings: readonly Diagnostic[] } {
    const done = (result: FunctionIr | undefined) =>
      this.#errors.length > 0 || !result
        ? { errors: unique(this.#errors), warnings: unique(this.#warnings) }
        : { fn: result, errors: [], warnings: unique(this.#warnings) };
    if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", fn, "Pass the function inline as an arrow function: `(record) => expression`."));
      return done(undefined);
    }
    if (fn.isAsync()) this.#errors.push(diagnostic("ASYNC", fn, "An `async` function"));
    const params = this.#params(fn, paramTypes);
    if (!params) return done(undefined);
    const body = fn.getBody();
    let translated: ExprNode;
    let returnType: IrType | undefined;
    if (Node.isBlock(body)) {
      // A block's `if`s become conditionals of the function's result type, needed first.
      returnType = this.#guard(() => this.#resultType(fn));
      if (returnType === undefined) return done(undefined);
      const type = returnType;
      translated = this.#withScope(params, () => this.#guard(() => this.#functionBody(body.getStatements(), undefined, type, fn)) ?? FAILED, refusedNames(fn));
    } else {
      translated = this.#withScope(params, () => this.#child(body as Expression, this.contextName), refusedNames(fn));
    }
    if (this.#errors.length > 0) return done(undefined);
    returnType ??= this.#guard(() => this.#resultType(fn));
    if (returnType === undefined) return done(undefined);
    return done(Object.freeze({ params: Object.freeze(params), body: this.#retype(translated, returnType), returnType }));
  }

  /**
   * A function's result type. One the checker infers is an expression's type: a union of string
   * literals it computed (`"CARD|true" | …` for `` `${r.method}|${r.flag}` ``) is a string, not
   * an enum, unless it is exactly an enum the records declare (`(r) => r.method`). A declared one
   * (`(r): Level => …`) is the type it names.
   */
  #resultType(fn: FunctionNode & { getReturnTypeNode(): Node | undefined }): IrType {
    const type = resultTypeOf(fn);
    return fn.getReturnTypeNode() === undefined
      ? this.registry.ofExpression(type, this.contextName, fn)
      : this.registry.declared(type, this.contextName, fn, "the function's result");
  }

  /**
   * Translates a `process` handler: `onElement(record, s, out, ctx)` or `onTimer(at, s, out, ctx)`.
   * The first parameter is a value of `firstParamType`; the others are the handler's state, output
   * and context, usable only in the forms {@link DIAGNOSTICS.PROCESS_HANDLER} lists.
   */
  translateProcedure(fn: Node, firstParamType: IrType, context: ProcedureContext): ProcedureResult {
    this.#procedure = { ...context, emitted: [], timers: [] };
    const result = (procedure: Procedure | undefined): ProcedureResult => ({
      ...(procedure && this.#errors.length === 0 ? { procedure } : {}),
      emitted: this.#procedure!.emitted,
      timers: this.#procedure!.timers,
      errors: unique(this.#errors),
      warnings: unique(this.#warnings),
    });
    if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn) && !Node.isMethodDeclaration(fn)) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", fn, "Write the handler inline: `onElement(record, s, out, ctx) { … }`."));
      return result(undefined);
    }
    if (fn.isAsync()) this.#errors.push(diagnostic("ASYNC", fn, "An `async` handler"));
    const declared = fn.getParameters();
    if (declared.length > 4) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", fn, "A handler takes at most four parameters: (record, s, out, ctx)."));
      return result(undefined);
    }
    const names = new Map<string, Binding>();
    const params: Param[] = [];
    const roles: Binding[] = [{ kind: "value", type: firstParamType }, { kind: "state-view" }, { kind: "out" }, { kind: "context" }];
    declared.forEach((p, i) => {
      const nameNode = p.getNameNode();
      if (!Node.isIdentifier(nameNode)) {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", nameNode, "A destructuring parameter", "Name the parameter: `(o, s, out, ctx)`."));
        for (const name of patternNames(nameNode)) names.set(name, { kind: "failed" });
        return;
      }
      names.set(nameNode.getText(), roles[i]!);
      if (i === 0) params.push(Object.freeze({ name: nameNode.getText(), type: firstParamType }));
    });
    const body = fn.getBody();
    if (!body) return result(undefined);
    const statements: readonly Node[] = Node.isBlock(body) ? body.getStatements() : [body];
    const saved = this.#scope;
    this.#scope = { parent: saved, names };
    try {
      const translated = this.#statements(statements);
      return result(Object.freeze({ params: Object.freeze(params), body: translated }));
    } finally {
      this.#scope = saved;
    }
  }

  /** Translates a constant (a state's initial value): literals and records of literals only. */
  translateConstant(node: Expression, type: IrType): ExprNode | undefined {
    const value = this.#guard(() => this.#constant(node, type));
    return this.#errors.length > 0 ? undefined : value;
  }

  get errors(): readonly Diagnostic[] {
    return this.#errors;
  }

  #constant(node: Expression, type: IrType): ExprNode {
    let inner: Expression = node;
    while (Node.isParenthesizedExpression(inner) || Node.isAsExpression(inner) || Node.isSatisfiesExpression(inner)) inner = inner.getExpression();
    const value = this.#child(inner, this.contextName);
    if (value.kind === "literal") {
      if (typeof value.value === "number" && (type === "int" || type === "long" || isTimestamp(type))) {
        this.#checkRange(value.value, type, node);
        return expr.literal(Math.trunc(value.value), type);
      }
      return value.value === null ? expr.literal(null, "null") : expr.literal(value.value, nonNull(type) === "double" ? "double" : value.type);
    }
    if (value.kind === "object" && value.fields.every((f) => f.value.kind === "literal")) return value;
    if (value.kind === "array" && value.items.every((i) => i.kind === "literal")) return value;
    fail("FUNCTION_SHAPE", node, "A state's initial value must be a constant: a literal, or a record or array of literals.");
  }

  #params(fn: FunctionNode, paramTypes: readonly IrType[]): Param[] | undefined {
    // A `this` parameter only declares the type of `this`, which is refused where it is used.
    const params = fn.getParameters().filter((p) => p.getText().split(":")[0]!.trim() !== "this");
    if (params.length !== paramTypes.length) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", fn, `This function must take exactly ${paramTypes.length} parameter(s).`));
      return undefined;
    }
    return params.map((p, i) => {
      const nameNode = (p as Node & { getNameNode(): Node }).getNameNode();
      if (!Node.isIdentifier(nameNode)) {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", nameNode, "A destructuring parameter", "Name the parameter and read its fields: `(o) => o.amount`."));
      }
      return Object.freeze({ name: Node.isIdentifier(nameNode) ? nameNode.getText() : nameNode.getText(), type: paramTypes[i]! });
    });
  }

  /** Runs `work` with the parameters bound, and the names of refused declarations (`failed`) known. */
  #withScope<T>(params: readonly Param[], work: () => T, failed: readonly string[] = []): T {
    const saved = this.#scope;
    const names = new Map<string, Binding>(failed.map((name) => [name, { kind: "failed" }]));
    for (const p of params) names.set(p.name, { kind: "value", type: p.type });
    this.#scope = { parent: saved, names };
    try {
      return work();
    } finally {
      this.#scope = saved;
    }
  }

  #lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this.#scope; s; s = s.parent) {
      const found = s.names.get(name);
      if (found) return found;
    }
    return undefined;
  }

  #guard<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      this.#errors.push(...e.diagnostics);
      return undefined;
    }
  }

  /** Translates a sub-expression, recording a failure and going on with a placeholder. */
  #child(node: Expression, contextName: string): ExprNode {
    return this.#guard(() => this.#expression(node, contextName)) ?? FAILED;
  }

  #typeOf(node: Node, contextName: string): IrType {
    return this.registry.ofExpression(contextualTypeFor(node), contextName, node);
  }

  /**
   * The value re-typed to `type` where the checker gave a record literal its own anonymous type
   * but the place it goes expects a record of the same fields (`(o): LineEvent[] =>
   * o.lines.map((l) => ({ … }))`): the graph needs one type for both, and the record it builds is
   * the one the place declares.
   */
  #retype(value: ExprNode, type: IrType): ExprNode {
    if (value === FAILED || sameType(value.type, type)) return value;
    if (value.kind === "object" && isNamed(type)) {
      const record = this.registry.definition(type);
      if (record?.type !== "record" || !value.fields.every((f) => record.fields.some((r) => r.name === f.name))) return value;
      const fields = record.fields.map((r) => {
        const field = value.fields.find((f) => f.name === r.name);
        return { name: r.name, value: field ? this.#retype(field.value, r.type) : expr.literal(null, "null") };
      });
      return expr.object(fields, type);
    }
    if (value.kind === "array" && isArray(type)) return expr.array(value.items.map((i) => this.#retype(i, type.items)), type);
    if (value.kind === "conditional") {
      return expr.conditional(value.test, this.#retype(value.whenTrue, type), this.#retype(value.whenFalse, type), type);
    }
    if (value.kind === "let") return expr.let(value.name, value.value, this.#retype(value.body, type));
    if (value.kind === "call" && value.method === "array.map" && isArray(type)) {
      const [lambda, ...rest] = value.args;
      if (lambda?.kind !== "lambda") return value;
      return expr.call("array.map", value.target, [expr.lambda(lambda.params, this.#retype(lambda.body, type.items)), ...rest], type);
    }
    return value;
  }

  // ---- function bodies: const, if/else and return become let and conditional ----

  /**
   * `statements` then, when they end without returning, `continuation` (the statements after the
   * `if` they are a branch of, translated in the scope of that `if`).
   */
  #functionBody(statements: readonly Node[], continuation: (() => ExprNode) | undefined, type: IrType, fn: Node): ExprNode {
    const [first, ...rest] = statements;
    if (first === undefined) {
      if (continuation) return continuation();
      fail("MISSING_RETURN", fn);
    }
    const next = (): ExprNode => this.#functionBody(rest, continuation, type, fn);
    if (Node.isReturnStatement(first)) {
      const value = first.getExpression();
      if (!value) fail("MISSING_RETURN", first);
      return this.#child(value, this.contextName);
    }
    if (Node.isVariableStatement(first)) {
      const declarations = this.#constDeclarations(first);
      const bind = (index: number): ExprNode => {
        const declaration = declarations[index];
        if (!declaration) return next();
        const value = declaration.value === undefined ? FAILED : this.#child(declaration.value, this.contextName);
        if (value === FAILED) return this.#refused(declaration.names, () => bind(index + 1));
        return this.#bound(declaration.names[0]!, value, () => expr.let(declaration.names[0]!, value, bind(index + 1)));
      };
      return bind(0);
    }
    if (Node.isIfStatement(first)) {
      const test = this.#child(first.getExpression(), this.contextName);
      const scope = this.#scope;
      const after = rest.length === 0 && !continuation ? undefined : () => this.#inScope(scope, next);
      const elseStatement = first.getElseStatement();
      const whenTrue = this.#functionBody(blockStatements(first.getThenStatement()), after, type, fn);
      const whenFalse = this.#functionBody(elseStatement ? blockStatements(elseStatement) : [], after, type, fn);
      return expr.conditional(test, whenTrue, whenFalse, type);
    }
    if (Node.isBlock(first)) {
      const scope = this.#scope;
      return this.#functionBody(first.getStatements(), () => this.#inScope(scope, next), type, fn);
    }
    if (isInert(first)) return next();
    this.#statementRefusal(first, "Write the body as `const` bindings, `if`/`else` and `return`.");
    // The rest is still checked; whether the refused statement returned is unknown, so a path
    // that ends after it is not reported as missing its `return`.
    return this.#refused(declaredNames(first), () => this.#functionBody(rest, continuation ?? (() => FAILED), type, fn));
  }

  #inScope<T>(scope: Scope, work: () => T): T {
    const saved = this.#scope;
    this.#scope = scope;
    try {
      return work();
    } finally {
      this.#scope = saved;
    }
  }

  /** Runs `work` with `names` known as refused declarations, whose uses are not reported again. */
  #refused<T>(names: readonly string[], work: () => T): T {
    const saved = this.#scope;
    this.#scope = { parent: saved, names: new Map(names.map((name) => [name, { kind: "failed" } as const])) };
    try {
      return work();
    } finally {
      this.#scope = saved;
    }
  }

  /** Runs `work` with `name` bound to a value of `value`'s type, for the statements after it. */
  #bound<T>(name: string, value: ExprNode, work: () => T): T {
    const saved = this.#scope;
    this.#scope = { parent: saved, names: new Map([[name, { kind: "value", type: value.type } as const]]) };
    try {
      return work();
    } finally {
      this.#scope = saved;
    }
  }

  /**
   * The declarations of a `const` statement in order. A refused one has no value and the names it
   * declares (a destructuring pattern's every name), so later uses are not reported again.
   */
  #constDeclarations(statement: Node & { getDeclarations(): Node[]; getDeclarationKind(): string; getDeclarationList(): Node }): { names: string[]; value: Expression | undefined }[] {
    const kind = statement.getDeclarationKind();
    if (kind !== "const") {
      const keyword = statement.getDeclarationList().getFirstChild() ?? statement;
      this.#errors.push(diagnostic("FUNCTION_STATEMENT", keyword, `\`${kind}\``, "Declare values with `const`: each name is bound once."));
    }
    const result: { names: string[]; value: Expression | undefined }[] = [];
    for (const declaration of statement.getDeclarations()) {
      if (!Node.isVariableDeclaration(declaration)) continue;
      const nameNode = declaration.getNameNode();
      const value = declaration.getInitializer();
      if (!Node.isIdentifier(nameNode)) {
        const example = Node.isObjectBindingPattern(nameNode) ? "`const amount = o.amount`" : "`const first = xs[0]`";
        this.#errors.push(diagnostic("FUNCTION_STATEMENT", nameNode, "A destructuring declaration", `Bind each name on its own: ${example}.`));
        result.push({ names: patternNames(nameNode), value: undefined });
        continue;
      }
      if (!value) {
        this.#errors.push(diagnostic("FUNCTION_STATEMENT", declaration, "A declaration without a value", "Give it one: `const x = …`."));
      }
      result.push({ names: [nameNode.getText()], value });
    }
    return result;
  }

  /** Reports a statement no function body may contain. */
  #statementRefusal(statement: Node, suggestion: string): void {
    if (Node.isExpressionStatement(statement)) {
      // `console.log(x)` is refused for what it calls, which says more than "a statement".
      const before = this.#errors.length;
      this.#child(statement.getExpression(), this.contextName);
      if (this.#errors.length > before) return;
    }
    // At the statement's keyword (`switch`, `try`, a label): the statement itself may be long.
    const keyword = statement.getFirstChild() ?? statement;
    const loop = LOOPS[statement.getKind()];
    if (loop !== undefined) {
      this.#errors.push(diagnostic("LOOP", keyword, loop));
      return;
    }
    if (Node.isClassDeclaration(statement)) {
      this.#errors.push(diagnostic("CLASS", statement, "A class declaration"));
      return;
    }
    const refusal = STATEMENT_REFUSALS[statement.getKind()];
    if (refusal !== undefined) {
      this.#errors.push(diagnostic("FUNCTION_STATEMENT", keyword, refusal.what, refusal.instead));
      return;
    }
    this.#errors.push(diagnostic("FUNCTION_STATEMENT", statement, withArticle(describeSyntax(statement)), suggestion));
  }

  // ---- process handlers: statements with effects ----

  #statements(statements: readonly Node[]): Statement[] {
    const saved = this.#scope;
    const result: Statement[] = [];
    try {
      for (const statement of statements) {
        const translated = this.#guard(() => this.#statement(statement));
        if (translated) result.push(...translated);
      }
      return result;
    } finally {
      this.#scope = saved;
    }
  }

  #statement(node: Node): Statement[] {
    if (Node.isVariableStatement(node)) {
      return this.#constDeclarations(node).flatMap((d) => {
        const value = d.value === undefined ? FAILED : this.#child(d.value, this.contextName);
        // Bound for the rest of the enclosing list; `#statements` restores the scope after it.
        if (value === FAILED) {
          this.#scope = { parent: this.#scope, names: new Map(d.names.map((name) => [name, { kind: "failed" } as const])) };
          return [];
        }
        this.#scope = { parent: this.#scope, names: new Map([[d.names[0]!, { kind: "value", type: value.type } as const]]) };
        return [stmt.let(d.names[0]!, value)];
      });
    }
    if (Node.isIfStatement(node)) {
      const test = this.#child(node.getExpression(), this.contextName);
      const elseStatement = node.getElseStatement();
      return [stmt.if(test, this.#statements(blockStatements(node.getThenStatement())), elseStatement ? this.#statements(blockStatements(elseStatement)) : [])];
    }
    if (Node.isBlock(node)) return [stmt.if(expr.literal(true, "boolean"), this.#statements(node.getStatements()), [])];
    if (Node.isReturnStatement(node)) {
      if (node.getExpression()) fail("PROCESS_HANDLER", node, "A handler returns no value: emit records with `out.emit(…)` and end with `return;`.");
      return [stmt.return()];
    }
    if (isInert(node)) return [];
    const expression = Node.isExpressionStatement(node) ? node.getExpression() : Node.isExpression(node) ? node : undefined;
    if (expression) return [this.#effect(expression)];
    this.#statementRefusal(node, "Write handlers with `const`, `if`/`else`, `return;`, state updates, `out.emit(…)` and `ctx.timer(…)`.");
    this.#scope = { parent: this.#scope, names: new Map(declaredNames(node).map((name) => [name, { kind: "failed" } as const])) };
    return [];
  }

  /** An expression statement of a handler: a state update, an emit or a timer. */
  #effect(node: Expression): Statement {
    if (Node.isParenthesizedExpression(node)) return this.#effect(node.getExpression());
    if (Node.isBinaryExpression(node)) {
      const token = node.getOperatorToken().getKind();
      const compound = token === SyntaxKind.PlusEqualsToken ? "+" : token === SyntaxKind.MinusEqualsToken ? "-" : undefined;
      if (token === SyntaxKind.EqualsToken || compound) {
        const name = this.#valueStateTarget(node.getLeft());
        const info = this.#procedure!.state.get(name)!;
        const right = this.#child(node.getRight(), `${this.contextName}_${name}`);
        if (!compound) return stmt.setState(name, this.#toStateType(right, info.type, node.getRight()));
        return stmt.setState(name, this.#stateArithmetic(name, info, compound, right, node));
      }
    }
    if (Node.isPostfixUnaryExpression(node) || Node.isPrefixUnaryExpression(node)) {
      const token = node.getOperatorToken();
      if (token === SyntaxKind.PlusPlusToken || token === SyntaxKind.MinusMinusToken) {
        const name = this.#valueStateTarget(node.getOperand());
        const info = this.#procedure!.state.get(name)!;
        return stmt.setState(name, this.#stateArithmetic(name, info, token === SyntaxKind.PlusPlusToken ? "+" : "-", expr.literal(1, "double"), node));
      }
    }
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      if (Node.isPropertyAccessExpression(callee)) {
        const receiver = callee.getExpression();
        const method = callee.getName();
        const args = node.getArguments() as Expression[];
        const binding = Node.isIdentifier(receiver) ? this.#lookup(receiver.getText()) : undefined;
        if (binding?.kind === "out" && method === "emit" && args.length === 1) {
          const value = this.#child(args[0]!, this.contextName);
          this.#procedure!.emitted.push({ value, at: args[0]! });
          return stmt.emit(value);
        }
        if (binding?.kind === "context" && method === "timer" && args.length === 1) {
          this.#procedure!.timers.push(node);
          return stmt.timer(this.#numeric(this.#child(args[0]!, this.contextName), args[0]!));
        }
        const mapState = this.#mapStateTarget(receiver);
        if (mapState !== undefined) {
          if (method === "set" && args.length === 2) {
            const value = this.#child(args[1]!, `${this.contextName}_${mapState}`);
            const type = this.#procedure!.state.get(mapState)!.type;
            return stmt.mapSet(mapState, this.#child(args[0]!, this.contextName), this.#toStateType(value, type, args[1]!));
          }
          if (method === "delete" && args.length === 1) return stmt.mapDelete(mapState, this.#child(args[0]!, this.contextName));
          if (method === "clear" && args.length === 0) return stmt.clearState(mapState);
        }
      }
    }
    fail("PROCESS_HANDLER", node, `\`${truncate(node.getText())}\` is not a statement a handler can run.`);
  }

  /**
   * Int, Long and Timestamp states are plain numbers to the handler (`StateValue`): a double
   * written to one is converted as `as Long` converts it.
   */
  #toStateType(value: ExprNode, type: IrType, at: Node): ExprNode {
    const integral = type === "int" || type === "long" || isTimestamp(type);
    if (!integral || value === FAILED || nonNull(value.type) !== "double") return value;
    if (value.kind === "literal" && typeof value.value === "number") this.#checkRange(value.value, type, at);
    return expr.coerce(this.#numeric(value, at), type);
  }

  /** `s.count + 1` for `s.count += 1` and `s.count++`, converted back to an integer state's type. */
  #stateArithmetic(name: string, info: StateInfo, op: "+" | "-", right: ExprNode, at: Node): ExprNode {
    const current = expr.state(name, info.type);
    if (op === "+" && nonNull(info.type) === "string") return expr.concat([current, right]);
    const sum = expr.binary(op, current, right, "double");
    this.#longWarning(sum, at);
    return info.type === "double" ? sum : expr.coerce(sum, info.type);
  }

  /** The value state `s.name` an assignment writes to. */
  #valueStateTarget(node: Node): string {
    const name = this.#stateAccess(node);
    const info = name === undefined ? undefined : this.#procedure?.state.get(name);
    if (name === undefined || info?.kind !== "value") {
      fail("PROCESS_HANDLER", node, `Only value states can be assigned; \`${truncate(node.getText())}\` is not one.`);
    }
    return name;
  }

  /** The name of the map state `s.name` refers to, or undefined when `node` is not one. */
  #mapStateTarget(node: Node): string | undefined {
    const name = this.#stateAccess(node);
    return name !== undefined && this.#procedure?.state.get(name)?.kind === "map" ? name : undefined;
  }

  /** `s.name` where `s` is a handler's state parameter: the state's name (checked to exist). */
  #stateAccess(node: Node): string | undefined {
    if (!Node.isPropertyAccessExpression(node)) return undefined;
    const receiver = node.getExpression();
    if (!Node.isIdentifier(receiver) || this.#lookup(receiver.getText())?.kind !== "state-view") return undefined;
    const name = node.getName();
    if (this.#procedure?.failedStates.has(name)) throw new DiagnosticError([]);
    if (!this.#procedure?.state.has(name)) fail("PROCESS_HANDLER", node.getNameNode(), `'${name}' is not a declared state.`);
    return name;
  }

  // ---- expressions ----

  #expression(node: Expression, contextName: string): ExprNode {
    if (Node.isParenthesizedExpression(node)) return this.#child(node.getExpression(), contextName);
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return expr.literal(node.getLiteralValue(), "string");
    if (Node.isNumericLiteral(node)) return finiteLiteral(numericLiteralValue(node), node);
    if (Node.isTrueLiteral(node)) return expr.literal(true, "boolean");
    if (Node.isFalseLiteral(node)) return expr.literal(false, "boolean");
    if (Node.isNullLiteral(node)) return expr.literal(null, "null");
    if (Node.isIdentifier(node)) return this.#identifier(node);
    if (Node.isPropertyAccessExpression(node)) return this.#propertyAccess(node, contextName);
    if (Node.isElementAccessExpression(node)) return this.#elementAccess(node, contextName);
    if (Node.isCallExpression(node)) return this.#call(node, contextName);
    if (Node.isBinaryExpression(node)) return this.#binary(node, contextName);
    if (Node.isPrefixUnaryExpression(node)) return this.#prefixUnary(node);
    if (Node.isConditionalExpression(node)) {
      const type = this.#branchTypes.get(node) ?? this.#typeOf(node, contextName);
      // A conditional that is a branch of this one is retyped to this one's type anyway; asking the
      // checker again would re-check its whole subtree, level after level (cubic in a chain's length).
      for (const branch of [node.getWhenTrue(), node.getWhenFalse()]) {
        let inner: Node = branch;
        while (Node.isParenthesizedExpression(inner)) inner = inner.getExpression();
        if (Node.isConditionalExpression(inner)) this.#branchTypes.set(inner, type);
      }
      return expr.conditional(
        this.#child(node.getCondition(), contextName),
        this.#retype(this.#child(node.getWhenTrue(), contextName), type),
        this.#retype(this.#child(node.getWhenFalse(), contextName), type),
        type,
      );
    }
    if (Node.isTemplateExpression(node)) {
      const parts: ExprNode[] = [];
      if (node.getHead().getLiteralText() !== "") parts.push(expr.literal(node.getHead().getLiteralText(), "string"));
      for (const span of node.getTemplateSpans()) {
        parts.push(this.#stringPart(this.#child(span.getExpression(), contextName), span.getExpression()));
        const text = span.getLiteral().getLiteralText();
        if (text !== "") parts.push(expr.literal(text, "string"));
      }
      return expr.concat(parts);
    }
    if (Node.isObjectLiteralExpression(node)) return this.#objectLiteral(node, contextName);
    if (Node.isArrayLiteralExpression(node)) return this.#arrayLiteral(node, contextName);
    if (Node.isSatisfiesExpression(node)) {
      // `satisfies` checks without changing the type: a record literal keeps its own type, which
      // the place it goes expects, not the one it is checked against (its contextual type).
      return this.#retype(this.#child(node.getExpression(), contextName), this.#typeOf(node, contextName));
    }
    if (Node.isAsExpression(node) || Node.isTypeAssertion(node)) return this.#assertion(node, contextName);
    if (Node.isNonNullExpression(node)) return this.#child(node.getExpression(), contextName);
    if (Node.isAwaitExpression(node)) fail("ASYNC", node, "`await`");
    if (Node.isThisExpression(node)) fail("THIS", node);
    if (Node.isNewExpression(node)) {
      const callee = node.getExpression().getText();
      if (callee === "Date") fail("NON_DETERMINISTIC", node, "`new Date()`", "Use a Timestamp field of the record (epoch milliseconds).");
      fail("CLASS", node, `\`new ${callee}(…)\``);
    }
    if (Node.isClassExpression(node)) fail("CLASS", node, "A class");
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
      fail("UNSUPPORTED_SYNTAX", node, "A function value", "Functions are only arguments of array methods: `xs.map((x) => …)`.");
    }
    if (Node.isPostfixUnaryExpression(node)) fail("UNSUPPORTED_SYNTAX", node, `\`${node.getText()}\``, "Values are immutable: write `x + 1`.");
    if (Node.isTypeOfExpression(node)) fail("UNSUPPORTED_SYNTAX", node, "`typeof`", "Field types are known at compile time; compare values instead.");
    fail("UNSUPPORTED_SYNTAX", node, `This ${describeSyntax(node)}`, "Use field access, arithmetic, comparisons, &&, ||, ??, ?:, template strings, object and array literals.");
  }

  /**
   * `x as T` converts nothing in JavaScript. Where the graph holds both types the same way (an enum
   * and a string, an Int and a number, a record literal and the record type it is asserted to be)
   * the value goes on unchanged; a number asserted to be an Int, Long or Timestamp it cannot hold
   * as it is becomes the graph's `coerce`, the documented conversion. Any other assertion claims a
   * type the value does not have, and the job would fail where it is used: refused here.
   */
  #assertion(node: Expression & { getExpression(): Expression; getTypeNode(): Node | undefined }, contextName: string): ExprNode {
    if (node.getTypeNode()?.getText() === "const") return this.#child(node.getExpression(), contextName);
    const asserted = node.getType();
    if (asserted.isAny() || asserted.isUnknown()) {
      // `x as unknown as T` is one assertion, from x's type to T: the outer `as` judges it.
      let parent = node.getParent();
      while (Node.isParenthesizedExpression(parent)) parent = parent.getParent();
      if (!(Node.isAsExpression(parent) || Node.isTypeAssertion(parent))) {
        const what = asserted.isAny() ? "any" : "unknown";
        fail("CAST", node, truncate(node.getText()), `gives the value the type '${what}', which nothing in the job graph can hold`,
          "Remove the assertion: the value keeps the type it has, and the type checker follows it.");
      }
    }
    let inner = node.getExpression();
    while (Node.isParenthesizedExpression(inner)) inner = inner.getExpression();
    const through = (Node.isAsExpression(inner) || Node.isTypeAssertion(inner)) && (inner.getType().isAny() || inner.getType().isUnknown());
    const operandNode = through ? (inner as Expression & { getExpression(): Expression }).getExpression() : node.getExpression();
    const members = asserted.getNonNullableType();
    const symbols = members.isUnion() ? members.getUnionTypes() : [members];
    if (symbols.every((m) => m.isStringLiteral()) && !operandNode.getType().getNonNullableType().isAssignableTo(members)) {
      // JavaScript goes on with any string; a field of this type holds only its members, so a
      // record with another string would fail where JavaScript does not.
      const test = symbols.map((m) => `${truncate(operandNode.getText())} === ${JSON.stringify(m.getLiteralValue())}`).slice(0, 2).join(" || ");
      fail("CAST", node, truncate(node.getText()), `claims that the value is one of ${typeText(members, node)}, which JavaScript does not check and a field of that type requires`,
        `Test the value, which narrows its type: \`${test}${symbols.length > 2 ? " || …" : ""} ? ${truncate(operandNode.getText())} : …\`.`);
    }
    const operand = this.#child(operandNode, contextName);
    if (operand === FAILED) return FAILED;
    const target = this.#typeOf(node, contextName);
    const from = nonNull(operand.type);
    const to = nonNull(target);
    if (isNumeric(from) && (to === "int" || to === "long" || isTimestamp(to))) {
      if (numberWidens(from, to)) return this.#asType(operand, target);
      if (operand.kind === "literal" && typeof operand.value === "number") this.#checkRange(operand.value, to, node);
      return expr.coerce(this.#numeric(operand, operandNode), target);
    }
    const value = this.#retype(operand, target);
    const unchanged = from === "null"
      ? isNullable(target)
      : (this.#isText(from) && this.#isText(to)) || this.#widens(nonNull(value.type), to);
    if (unchanged) return this.#asType(value, target);
    const fromText = typeText(operandNode.getType(), node);
    const toText = typeText(node.getType(), node);
    fail("CAST", node, truncate(node.getText()), `treats a value of type '${fromText}' as '${toText}', but \`as\` converts nothing: the value keeps type '${fromText}', which the job graph cannot use as '${toText}'`,
      `Build a value of type '${toText}' from it instead: \`String(n)\`, \`Number(s)\`, \`({ field: o.field })\`.`);
  }

  /**
   * A present value given the type its assertion names, where a place needs exactly that type (an
   * aggregate's value is its function's type): a number widened exactly by `coerce`, an enum's
   * symbol as the string it is. Otherwise the value as it is, which the harness widens where used.
   */
  #asType(value: ExprNode, target: IrType): ExprNode {
    if (sameType(value.type, target) || isNullable(value.type) || isNullable(target)) return value;
    if (isNumeric(value.type) && isNumeric(target)) return expr.coerce(value, target);
    if (this.#isText(value.type) && target === "string") return expr.concat([value]);
    return value;
  }

  /**
   * Whether the harness takes a value of `from` where `to` is expected as it is: the same type,
   * a wider number, or arrays and records of such values, field names and order alike (its
   * `widens`); an optional value where a required one is expected only at the top.
   */
  #widens(from: IrType, to: IrType): boolean {
    if (sameType(from, to)) return true;
    if (isNullable(from) && !isNullable(to)) return false;
    const a = nonNull(from);
    const b = nonNull(to);
    if (sameType(a, b)) return true;
    if (isNumeric(a) && isNumeric(b)) return numberWidens(a, b);
    if (isArray(a) && isArray(b)) return this.#widens(a.items, b.items);
    const ra = isNamed(a) ? this.registry.definition(a) : undefined;
    const rb = isNamed(b) ? this.registry.definition(b) : undefined;
    return ra?.type === "record" && rb?.type === "record" && ra.fields.length === rb.fields.length
      && ra.fields.every((f, i) => f.name === rb.fields[i]!.name && this.#widens(f.type, rb.fields[i]!.type));
  }

  #identifier(node: Node): ExprNode {
    const name = node.getText();
    const binding = this.#lookup(name);
    if (binding?.kind === "value") return expr.ref(name, binding.type);
    if (binding?.kind === "failed") throw new DiagnosticError([]);
    if (binding) fail("PROCESS_HANDLER", node, `\`${name}\` is not a value.`);
    if (name === "undefined") return expr.literal(null, "null");
    if (name === "NaN" || name === "Infinity") return nonFinite(name);
    const constant = staticLiteral(node);
    if (constant !== undefined) return constantLiteral(constant, node);
    if (IO_GLOBALS.has(name)) fail("IO", node, `'${name}'`, "Write results to a sink with `.to(…)`.");
    if (NON_DETERMINISTIC_GLOBALS.has(name)) fail("NON_DETERMINISTIC", node, `'${name}'`, "Compute from the record's fields only.");
    const declaration = node.getSymbol()?.getDeclarations()[0];
    const list = declaration?.getFirstAncestorByKind(SyntaxKind.VariableDeclarationList);
    if (list !== undefined && (list.compilerNode.flags & ts.NodeFlags.Const) === 0) fail("MUTABLE_CLOSURE", node, name);
    if (declaration && (Node.isClassDeclaration(declaration) || Node.isFunctionDeclaration(declaration))) {
      fail(Node.isClassDeclaration(declaration) ? "CLASS" : "UNKNOWN_CALL", node, Node.isClassDeclaration(declaration) ? `The class '${name}'` : `${name}()`, SUPPORTED_CALLS);
    }
    fail("NOT_IN_SCOPE", node, name, "Pass the value in through the record, or declare it as a module-level `const` with a literal value.");
  }

  /** A string, or an enum: its value is the symbol, a string, so every string method applies. */
  #isText(type: IrType): boolean {
    return type === "string" || (isNamed(type) && this.registry.definition(type)?.type === "enum");
  }

  #inOptionalChain(node: Node): boolean {
    return (node.compilerNode.flags & ts.NodeFlags.OptionalChain) !== 0;
  }

  /** `a?.m()` is `a === null ? null : a.m()`: the schema's `call` has no optional form. */
  #guardNull(target: ExprNode, node: Node, build: (t: ExprNode) => ExprNode): ExprNode {
    if (!isNullable(target.type) || !this.#inOptionalChain(node)) return build(target);
    const call = build(target);
    const isNull = expr.binary("===", target, expr.literal(null, "null"), "boolean");
    return expr.conditional(isNull, expr.literal(null, "null"), call, nullable(call.type));
  }

  #propertyAccess(node: Node & { getExpression(): Expression; getName(): string }, contextName: string): ExprNode {
    const receiver = node.getExpression();
    const receiverText = receiver.getText();
    if (Node.isIdentifier(receiver) && !this.#lookup(receiverText)) {
      if (IO_GLOBALS.has(receiverText)) fail("IO", node, `'${node.getText()}'`, "Write results to a sink with `.to(…)`.");
      if (NON_DETERMINISTIC_GLOBALS.has(receiverText)) fail("NON_DETERMINISTIC", node, `'${node.getText()}'`, "Compute from the record's fields only.");
    }
    const special = Node.isIdentifier(receiver) ? this.#lookup(receiverText) : undefined;
    if (special?.kind === "state-view") {
      const name = this.#stateAccess(node)!;
      const info = this.#procedure!.state.get(name)!;
      if (info.kind === "map") fail("PROCESS_HANDLER", node, `The map state '${name}' is not a value; read it with \`${node.getText()}.get(key)\`.`);
      return expr.state(name, info.type);
    }
    if (special?.kind === "context") {
      const name = node.getName();
      if (name === "key") return expr.context("key", this.#procedure!.keyType);
      if (name === "timestamp") return expr.context("timestamp", TIMESTAMP);
      fail("PROCESS_HANDLER", node, `\`${node.getText()}\` is not a value.`);
    }
    if (special?.kind === "out") fail("PROCESS_HANDLER", node, `\`${node.getText()}\` is not a value.`);
    const constant = staticLiteral(node);
    if (constant !== undefined) return constantLiteral(constant, node);
    const target = this.#child(receiver, contextName);
    if (target === FAILED) return FAILED;
    const name = node.getName();
    const targetType = nonNull(target.type);
    if (name === "length" && (this.#isText(targetType) || isArray(targetType))) {
      const method: MethodId = isArray(targetType) ? "array.length" : "string.length";
      return this.#guardNull(target, node, (t) => expr.call(method, t, [], "double"));
    }
    if (isMap(targetType)) {
      return this.#guardNull(target, node, (t) => expr.index(t, expr.literal(name, "string"), nullable(targetType.values)));
    }
    if (!isNamed(targetType)) fail("UNKNOWN_CALL", node, `.${name}`, SUPPORTED_CALLS);
    const record = this.registry.definition(targetType);
    if (record?.type !== "record") fail("UNKNOWN_CALL", node, `.${name}`, SUPPORTED_CALLS);
    const field = record.fields.find((f) => f.name === name);
    if (!field) fail("UNKNOWN_CALL", node, `.${name}`, SUPPORTED_CALLS);
    const optional = isNullable(target.type) && this.#inOptionalChain(node);
    const type = optional ? nullable(field.type) : field.type;
    return expr.field(target, name, type, optional);
  }

  #elementAccess(node: Node & { getExpression(): Expression; getArgumentExpression(): Expression | undefined }, contextName: string): ExprNode {
    const argument = node.getArgumentExpression();
    if (!argument) fail("UNSUPPORTED_SYNTAX", node, "An empty index", "Write `xs[i]`.");
    const target = this.#child(node.getExpression(), contextName);
    const index = this.#child(argument, contextName);
    if (target === FAILED || index === FAILED) return FAILED;
    const targetType = nonNull(target.type);
    if (isArray(targetType)) {
      if (!isNumeric(nonNull(index.type))) fail("FUNCTION_SHAPE", argument, "An array index must be a number.");
      return this.#guardNull(target, node, (t) => expr.index(t, index, nullable(targetType.items)));
    }
    if (isMap(targetType)) {
      if (nonNull(index.type) !== "string" && !isNamed(nonNull(index.type))) fail("FUNCTION_SHAPE", argument, "A map key must be a string.");
      if (Node.isElementAccessExpression(node) && !isOwnEntryRead(node)) {
        const map = node.getExpression().getText();
        fail("INHERITED_MAP_KEY", node, node.getText(), `Object.hasOwn(${map}, ${argument.getText()}) ? ${node.getText()} : fallback`);
      }
      return this.#guardNull(target, node, (t) => expr.index(t, index, nullable(targetType.values)));
    }
    if (isNamed(targetType) && index.kind === "literal" && typeof index.value === "string") {
      const record = this.registry.definition(targetType);
      const field = record?.type === "record" ? record.fields.find((f) => f.name === index.value) : undefined;
      if (field) return expr.field(target, field.name, field.type, false);
    }
    if (targetType === "string") fail("UNSUPPORTED_SYNTAX", node, "Indexing a string with `[…]`", "Use `s.charAt(i)`.");
    fail("UNSUPPORTED_SYNTAX", node, "Indexing with `[…]` here", "Index arrays (`xs[i]`) and `Record<string, T>` maps (`m[key]`); read record fields by name: `o.field`.");
  }

  #call(node: Node & { getExpression(): Expression; getArguments(): Node[] }, contextName: string): ExprNode {
    const callee = node.getExpression();
    const objectFunction = this.#objectFunction(node, callee, contextName);
    if (objectFunction) return objectFunction;
    const builtin = this.#builtin(callee);
    if (builtin !== undefined) {
      const args = this.#arguments(node, callee.getText(), builtin, contextName);
      const converted = builtin.name === "String"
        ? args.map((a, i) => this.#stringPart(a, node.getArguments()[i]!))
        : NUMERIC_BUILTINS.has(builtin.name)
          ? args.map((a, i) => this.#numeric(a, node.getArguments()[i]!))
          : args;
      return expr.builtin(builtin.name, converted, builtin.type);
    }
    if (!Node.isPropertyAccessExpression(callee)) {
      const name = callee.getText();
      if (Node.isIdentifier(callee) && this.#lookup(name)?.kind === "failed") throw new DiagnosticError([]);
      if (Node.isIdentifier(callee) && !this.#lookup(name)) {
        if (IO_GLOBALS.has(name)) fail("IO", node, `'${name}()'`, "Write results to a sink with `.to(…)`.");
        if (NON_DETERMINISTIC_GLOBALS.has(name)) fail("NON_DETERMINISTIC", node, `'${name}()'`, "Compute from the record's fields only.");
      }
      fail("UNKNOWN_CALL", callee, `${name}()`, SUPPORTED_CALLS);
    }
    const receiver = callee.getExpression();
    const receiverText = receiver.getText();
    const methodName = callee.getName();
    if (Node.isIdentifier(receiver) && !this.#lookup(receiverText)) {
      if (IO_GLOBALS.has(receiverText)) fail("IO", node, `'${callee.getText()}()'`, "Write results to a sink with `.to(…)`.");
      if (NON_DETERMINISTIC_GLOBALS.has(receiverText)) fail("NON_DETERMINISTIC", node, `'${callee.getText()}()'`, "Compute from the record's fields only.");
    }
    const special = Node.isIdentifier(receiver) ? this.#lookup(receiverText) : undefined;
    if (special?.kind === "out" || special?.kind === "context") {
      fail("PROCESS_HANDLER", node, `\`${truncate(node.getText())}\` is a statement of its own, not a value.`);
    }
    const mapState = this.#mapStateTarget(receiver);
    if (mapState !== undefined) {
      const args = node.getArguments() as Expression[];
      if (methodName === "get" && args.length === 1) {
        return expr.mapGet(mapState, this.#child(args[0]!, contextName), nullable(this.#procedure!.state.get(mapState)!.type));
      }
      if (methodName === "has" && args.length === 1) return expr.mapHas(mapState, this.#child(args[0]!, contextName));
      fail("PROCESS_HANDLER", node, `\`${truncate(node.getText())}\` is a statement of its own, not a value.`);
    }
    const target = this.#child(receiver, contextName);
    if (target === FAILED) return FAILED;
    const targetType = nonNull(target.type);
    if (isArray(targetType)) return this.#arrayCall(node, callee, target, targetType.items, contextName);
    const spec = Object.hasOwn(STRING_METHODS, methodName) ? STRING_METHODS[methodName] : undefined;
    if (!this.#isText(targetType) || spec === undefined) {
      fail("UNKNOWN_CALL", callee.getNameNode(), `${methodName}()`, SUPPORTED_CALLS);
    }
    if (spec.method === "string.replace" || spec.method === "string.replaceAll" || spec.method === "string.split") {
      const pattern = node.getArguments()[0];
      if (pattern !== undefined && Node.isRegularExpressionLiteral(pattern)) fail("REGEXP_PATTERN", pattern, methodName);
    }
    const irArgs = this.#arguments(node, methodName, spec, contextName);
    return this.#guardNull(target, callee, (t) => expr.call(spec.method, t, irArgs, spec.type));
  }

  /** `Object.keys(m)` and `Object.hasOwn(m, k)` on a `Record<string, T>` map. */
  #objectFunction(node: Node & { getArguments(): Node[] }, callee: Expression, contextName: string): ExprNode | undefined {
    if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== "Object" || this.#lookup("Object")) return undefined;
    const name = callee.getName();
    const args = node.getArguments() as Expression[];
    if ((name !== "keys" || args.length !== 1) && (name !== "hasOwn" || args.length !== 2)) {
      fail("UNKNOWN_CALL", callee, `Object.${name}()`, SUPPORTED_CALLS);
    }
    const map = this.#child(args[0]!, contextName);
    if (map === FAILED) return FAILED;
    if (!isMap(map.type)) fail("FUNCTION_SHAPE", args[0]!, `'Object.${name}' is supported on \`Record<string, T>\` maps.`);
    if (name === "keys") return expr.call("map.keys", map, [], arrayOf("string"));
    return expr.call("map.has", map, [this.#child(args[1]!, contextName)], "boolean");
  }

  #arrayCall(
    node: Node & { getArguments(): Node[] },
    callee: Node & { getName(): string; getNameNode(): Node },
    target: ExprNode,
    itemType: IrType,
    contextName: string,
  ): ExprNode {
    const methodName = callee.getName();
    const functional = Object.hasOwn(ARRAY_FUNCTION_METHODS, methodName) ? ARRAY_FUNCTION_METHODS[methodName] : undefined;
    if (functional) {
      const args = node.getArguments();
      const expected = functional.params === 2 ? 2 : 1;
      if (args.length !== expected) {
        fail("FUNCTION_SHAPE", node, functional.params === 2
          ? "'reduce' is supported with a function and an initial value: `xs.reduce((acc, x) => acc + x, 0)`."
          : `'${methodName}' is supported with one function argument: \`xs.${methodName}((x) => …)\`.`);
      }
      const resultType = functional.method === "array.some" || functional.method === "array.every"
        ? "boolean"
        : functional.method === "array.filter"
          ? nonNull(target.type)
          : this.#typeOf(node, `${contextName}_item`);
      const lambdaParams = functional.params === 2 ? [resultType, itemType] : [itemType];
      const lambda = this.#lambda(args[0]!, lambdaParams, functional.method === "array.map" && isArray(resultType) ? resultType.items : undefined, contextName);
      const rest = functional.params === 2 ? [this.#child(args[1] as Expression, contextName)] : [];
      return this.#guardNull(target, callee, (t) => expr.call(functional.method, t, [lambda, ...rest], resultType));
    }
    const spec = Object.hasOwn(ARRAY_METHODS, methodName) ? ARRAY_METHODS[methodName] : undefined;
    if (!spec) fail("UNKNOWN_CALL", callee.getNameNode(), `${methodName}()`, SUPPORTED_CALLS);
    const args = this.#arguments(node, methodName, { ...spec, type: "null" }, contextName);
    const type = spec.type === "target" ? nonNull(target.type) : spec.type;
    return this.#guardNull(target, callee, (t) => expr.call(spec.method, t, args, type));
  }

  /** A function argument of an array method: one or two parameters, an expression or block body. */
  #lambda(node: Node, paramTypes: readonly IrType[], resultType: IrType | undefined, contextName: string): ExprNode {
    if (!Node.isArrowFunction(node) && !Node.isFunctionExpression(node)) {
      fail("FUNCTION_SHAPE", node, "Pass the function inline: `xs.map((x) => …)`.");
    }
    const declared = node.getParameters();
    if (declared.length > paramTypes.length || declared.length === 0) {
      if (declared.length === 0) {
        fail("FUNCTION_SHAPE", node, paramTypes.length === 2
          ? "Name this function's parameters, even one it does not use: `(acc, x) => …`."
          : "Name this function's parameter, the item, even if it does not use it: `(x) => …`.");
      }
      fail("FUNCTION_SHAPE", node, paramTypes.length === 2 ? "This function takes (accumulator, item)." : "This function takes one parameter, the item; the index and array parameters are not supported.");
    }
    const params = declared.map((p, i) => {
      const nameNode = p.getNameNode();
      if (!Node.isIdentifier(nameNode)) fail("UNSUPPORTED_SYNTAX", nameNode, "A destructuring parameter", "Name the parameter: `(x) => x.price`.");
      return Object.freeze({ name: nameNode.getText(), type: paramTypes[i]! });
    });
    const body = node.getBody();
    return this.#withScope(params, () => {
      if (Node.isBlock(body)) {
        const type = resultType ?? this.registry.declared(node.getReturnType(), `${contextName}_item`, node, "the function's result");
        return expr.lambda(params, this.#functionBody(body.getStatements(), undefined, type, node));
      }
      const translated = this.#child(body as Expression, `${contextName}_item`);
      return expr.lambda(params, resultType ? this.#retype(translated, resultType) : translated);
    });
  }

  /** The global function a callee names (`Math.max`, `parseInt`), unless a local name shadows it. */
  #builtin(callee: Expression): (Signature & { name: (typeof BUILTINS)[string]["name"] }) | undefined {
    const root = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
    if (!Node.isIdentifier(root) || this.#lookup(root.getText())) return undefined;
    const text = Node.isPropertyAccessExpression(callee) ? `${root.getText()}.${callee.getName()}` : root.getText();
    if (!Object.hasOwn(BUILTINS, text)) return undefined;
    // Only JavaScript's own: a module binding of the same name is the user's function.
    const declaration = root.getSymbol()?.getDeclarations()[0];
    return declaration === undefined || declaration.getSourceFile().isDeclarationFile() ? BUILTINS[text] : undefined;
  }

  #arguments(node: Node & { getArguments(): Node[] }, name: string, spec: Signature, contextName: string): ExprNode[] {
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
      const ir = this.#child(a as Expression, contextName);
      const kind = kinds[Math.min(i, kinds.length - 1)]!;
      if (ir === FAILED || kind === "any") return ir;
      const ok = kind === "string" ? nonNull(ir.type) === "string" || isNamed(nonNull(ir.type)) : isNumeric(nonNull(ir.type));
      if (!ok) fail("FUNCTION_SHAPE", a, `Argument ${i + 1} of '${name}' must be a ${kind}.`);
      return ir;
    });
  }

  #binary(node: Node & { getLeft(): Expression; getRight(): Expression; getOperatorToken(): Node }, contextName: string): ExprNode {
    const kind = node.getOperatorToken().getKind();
    if (kind === SyntaxKind.InKeyword) {
      const map = this.#child(node.getRight(), contextName);
      if (map !== FAILED && !isMap(nonNull(map.type))) fail("UNSUPPORTED_SYNTAX", node, "`in` on a record", "Fields of a record are known at compile time; `in` is supported on `Record<string, T>` maps.");
      // `in` also finds what every object inherits (`"toString" in m`), which `map.has` does not.
      const key = this.#child(node.getLeft(), contextName);
      const inherited = expr.call("array.includes", expr.array(OBJECT_PROTOTYPE_KEYS.map((k) => expr.literal(k, "string")), arrayOf("string")), [key], "boolean");
      return expr.logical("||", expr.call("map.has", map, [key], "boolean"), inherited, "boolean");
    }
    if (kind === SyntaxKind.EqualsToken || (kind >= SyntaxKind.FirstCompoundAssignment && kind <= SyntaxKind.LastCompoundAssignment)) {
      fail("FUNCTION_STATEMENT", node, "An assignment", "Values are immutable: bind a new name with `const`.");
    }
    const left = this.#child(node.getLeft(), contextName);
    const right = this.#child(node.getRight(), contextName);
    const logical = LOGICAL[kind];
    if (logical !== undefined) {
      // Two booleans make a boolean: the checker, asked, would re-check both sides' subtrees.
      const type = logical !== "??" && left.type === "boolean" && right.type === "boolean" ? "boolean" : this.#typeOf(node, contextName);
      // An index (`xs[0]`) may be undefined whatever the checker says without
      // noUncheckedIndexedAccess, so `??`'s right side is live even where the checker's type drops it.
      if (logical === "??" && right !== FAILED && !fitsType(right.type, type)) {
        fail("NO_AVRO_TYPE", node, `${describeType(nonNull(left.type))} | ${describeType(right.type)}`, "this expression", "Give both sides of `??` one type.");
      }
      return expr.logical(logical, left, right.type === "double" && nonNull(type) !== "double" && isNumeric(nonNull(type)) ? this.#narrowed(right, nonNull(type), node.getRight()) : right, type);
    }
    if (kind === SyntaxKind.PlusToken) {
      if (this.#isString(left, node.getLeft()) || this.#isString(right, node.getRight())) {
        const l = this.#stringPart(left, node.getLeft());
        const r = this.#stringPart(right, node.getRight());
        return expr.concat([...(l.kind === "concat" ? l.parts : [l]), ...(r.kind === "concat" ? r.parts : [r])]);
      }
      return this.#arithmetic("+", node, left, right);
    }
    if (kind === SyntaxKind.EqualsEqualsToken || kind === SyntaxKind.ExclamationEqualsToken) {
      const op = kind === SyntaxKind.EqualsEqualsToken ? "==" : "!=";
      fail("UNSUPPORTED_SYNTAX", node.getOperatorToken(), `Loose equality \`${op}\``, `Use \`${op}=\`, which compares without conversion.`);
    }
    const op = BINARY[kind];
    if (op === undefined) {
      fail("UNSUPPORTED_SYNTAX", node.getOperatorToken(), `The operator \`${node.getOperatorToken().getText()}\``, "Use + - * / %, comparisons, ===, !==, &&, || and ??.");
    }
    if (op === "===" || op === "!==") return this.#equality(op, node, left, right);
    if (op === "<" || op === "<=" || op === ">" || op === ">=") {
      const numeric = isNumeric(nonNull(left.type)) || isNumeric(nonNull(right.type));
      return numeric
        ? expr.binary(op, this.#numeric(left, node.getLeft()), this.#numeric(right, node.getRight()), "boolean")
        : expr.binary(op, left, right, "boolean");
    }
    return this.#arithmetic(op, node, left, right);
  }

  /**
   * Whether a translated operand is a string, read from its IR type when it has one: the checker,
   * asked about a compound operand, re-checks its whole subtree (quadratic in a `+` chain).
   */
  #isString(value: ExprNode, node: Expression): boolean {
    if (value === FAILED) return isStringy(node.getType());
    const type = nonNull(value.type);
    return type === "string" || (isNamed(type) && this.registry.definition(type)?.type === "enum");
  }

  #arithmetic(op: "+" | "-" | "*" | "/" | "%", node: Node & { getLeft(): Expression; getRight(): Expression }, left: ExprNode, right: ExprNode): ExprNode {
    const result = expr.binary(op, this.#numeric(left, node.getLeft()), this.#numeric(right, node.getRight()), "double");
    this.#longWarning(result, node);
    return result;
  }

  /**
   * TSF2104: a product with a Long operand, or a sum or difference of two Long values that are not
   * constants, can pass 2^53, where doubles (and so JavaScript) stop counting exactly.
   */
  #longWarning(node: ExprNode, at: Node): void {
    if (node.kind !== "binary") return;
    const isLong = (e: ExprNode): boolean => nonNull(e.type) === "long" && e.kind !== "literal";
    const risky = node.op === "*" ? isLong(node.left) || isLong(node.right) : (node.op === "+" || node.op === "-") && isLong(node.left) && isLong(node.right);
    if (risky) this.#warnings.push(diagnostic("LONG_PRECISION", at, node.op === "*" ? "Multiplication" : node.op === "+" ? "Addition" : "Subtraction"));
  }

  /**
   * `===`/`!==` where one side may be undefined (absent) and the other is null: JavaScript tells
   * them apart, the graph's single null does not, so the compiler decides here.
   */
  #equality(op: "===" | "!==", node: Node & { getLeft(): Expression; getRight(): Expression }, left: ExprNode, right: ExprNode): ExprNode {
    const leftAbsent = this.#maybeAbsent(node.getLeft());
    const rightAbsent = this.#maybeAbsent(node.getRight());
    const leftNull = isNullLiteral(node.getLeft()) || mayBeNull(node.getLeft().getType());
    const rightNull = isNullLiteral(node.getRight()) || mayBeNull(node.getRight().getType());
    const equal = op === "===";
    if ((leftAbsent && isNullLiteral(node.getRight())) || (rightAbsent && isNullLiteral(node.getLeft()))) {
      return expr.literal(!equal, "boolean");
    }
    if ((leftAbsent && rightNull && !rightAbsent) || (rightAbsent && leftNull && !leftAbsent)) {
      // undefined === null is false: equal only when both are the same non-null value.
      const both = expr.logical("&&", expr.binary("===", left, right, "boolean"), expr.binary("!==", left, expr.literal(null, "null"), "boolean"), "boolean");
      return equal ? both : expr.unary("!", both, "boolean");
    }
    return expr.binary(op, left, right, "boolean");
  }

  /**
   * Whether an expression's value may be JavaScript's `undefined`: its type says so, or it reads an
   * array element or map entry (undefined when missing whatever the declared type).
   */
  #maybeAbsent(node: Node): boolean {
    let inner = node;
    // An assertion changes no value: `o.coupon as string` is still undefined when the field is absent.
    while (Node.isParenthesizedExpression(inner) || Node.isNonNullExpression(inner) || Node.isAsExpression(inner)
      || Node.isTypeAssertion(inner) || Node.isSatisfiesExpression(inner)) inner = inner.getExpression();
    if (Node.isIdentifier(inner) && inner.getText() === "undefined") return true;
    if (Node.isElementAccessExpression(inner)) return true;
    // Arithmetic, concatenation and comparisons never give undefined; asking the checker about one
    // would re-check its operands' whole subtrees (quadratic in a `+` chain).
    if (Node.isBinaryExpression(inner) && LOGICAL[inner.getOperatorToken().getKind()] === undefined) return false;
    if (Node.isCallExpression(inner)) {
      const callee = inner.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getName() === "get" && this.#mapStateTarget(callee.getExpression()) !== undefined) return true;
    }
    const type = inner.getType();
    return (type.isUnion() ? type.getUnionTypes() : [type]).some((t) => t.isUndefined());
  }

  /**
   * A double where the checker expects an Int, Long or Timestamp (`m[k] ?? 0` typed Int): a whole
   * constant is converted exactly; anything else could carry a fraction the type cannot hold.
   */
  #narrowed(value: ExprNode, type: IrType, at: Node): ExprNode {
    if (value.kind === "literal" && typeof value.value === "number" && Number.isInteger(value.value)) {
      this.#checkRange(value.value, type, at);
      return expr.coerce(value, type);
    }
    fail("NO_AVRO_TYPE", at, "number", `this ${describeType(type)} expression`, `Convert it explicitly: \`(…) as ${describeType(type) === "int" ? "Int" : describeType(type) === "long" ? "Long" : "Timestamp"}\`.`);
  }

  /** A value in a numeric position: undefined there is NaN in JavaScript, not 0 as null is. */
  #numeric(value: ExprNode, node: Node): ExprNode {
    if (value === FAILED || !this.#maybeAbsent(node)) return value;
    const nan = expr.binary("/", expr.literal(0, "double"), expr.literal(0, "double"), "double");
    // Not a number (`Number(o.nick)`): converted as JavaScript's ToNumber would, so both branches are doubles.
    const number = isNumeric(nonNull(value.type)) ? value : expr.builtin("Number", [value], "double");
    return expr.conditional(expr.binary("===", value, expr.literal(null, "null"), "boolean"), nan, number, "double");
  }

  /** A value converted to text: undefined there is `"undefined"`, not `"null"`. */
  #stringPart(value: ExprNode, node: Node): ExprNode {
    if (value === FAILED || !this.#maybeAbsent(node)) return value;
    const isNull = expr.binary("===", value, expr.literal(null, "null"), "boolean");
    if (nonNull(value.type) === "string") return expr.conditional(isNull, expr.literal("undefined", "string"), value, value.type);
    return expr.conditional(isNull, expr.literal("undefined", "string"), expr.builtin("String", [value], "string"), "string");
  }

  #checkRange(value: number, target: IrType, at: Node): void {
    const range = target === "int" ? INT_RANGE : LONG_RANGE;
    const truncated = Math.trunc(value);
    if (truncated < range.min || truncated >= range.max + (target === "int" ? 1 : 0)) {
      this.#errors.push(diagnostic("CONSTANT_OUT_OF_RANGE", at, String(value), target === "int" ? "Int" : isTimestamp(target) ? "Timestamp" : "Long", range.text));
    }
  }

  #prefixUnary(node: Node & { getOperand(): Expression; getOperatorToken(): SyntaxKind }): ExprNode {
    const token = node.getOperatorToken();
    if (token === SyntaxKind.MinusToken && Node.isNumericLiteral(node.getOperand())) {
      return finiteLiteral(-numericLiteralValue(node.getOperand() as NumericLiteral), node);
    }
    const operand = this.#child(node.getOperand(), this.contextName);
    if (token === SyntaxKind.ExclamationToken) return expr.unary("!", operand, "boolean");
    if (token === SyntaxKind.MinusToken || token === SyntaxKind.PlusToken) {
      if (nonNull(operand.type) === "string") {
        fail("UNSUPPORTED_SYNTAX", node, "Unary `+`/`-` on a string", "Convert text with `Number(s)`.");
      }
      return expr.unary(token === SyntaxKind.MinusToken ? "-" : "+", this.#numeric(operand, node.getOperand()), "double");
    }
    fail("UNSUPPORTED_SYNTAX", node, `\`${node.getText()}\``, "Values are immutable: write `x + 1`, `!x`, `-x`.");
  }

  #objectLiteral(node: Node & { getProperties(): Node[] }, contextName: string): ExprNode {
    const type = this.registry.declared(recordTypeFor(node), contextName, node, "this object");
    const record = isNamed(type) ? this.registry.definition(type) : undefined;
    if (record?.type !== "record") fail("UNSUPPORTED_SYNTAX", node, "This object", "Build a record with named fields.");
    const values = new Map<string, ExprNode>();
    for (const property of node.getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        if (Node.isComputedPropertyName(nameNode)) {
          this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", nameNode, "A computed field name", "Name each field literally: `{ total: … }`."));
          continue;
        }
        const name = property.getName().replace(/^["']|["']$/g, "");
        values.set(name, this.#child(property.getInitializerOrThrow(), `${record.name}_${name}`));
      } else if (Node.isShorthandPropertyAssignment(property)) {
        values.set(property.getName(), this.#guard(() => this.#identifier(property.getNameNode())) ?? FAILED);
      } else if (Node.isSpreadAssignment(property)) {
        this.#spread(property.getExpression(), values, contextName);
      } else {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", property, "A method or accessor in a record", "Records hold data only: `{ field: value }`."));
      }
    }
    const fields = record.fields.map((f) => ({ name: f.name, value: values.get(f.name) ?? expr.literal(null, "null") }));
    return expr.object(fields, type);
  }

  /** `{ ...a, x: 1 }`: every field of `a`'s record is read into the new one, later entries winning. */
  #spread(node: Expression, values: Map<string, ExprNode>, contextName: string): void {
    const source = this.#child(node, contextName);
    if (source === FAILED) return;
    const record = isNamed(source.type) ? this.registry.definition(source.type) : undefined;
    if (record?.type !== "record") {
      this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", node, "Spreading a value that may be null, or is not a record,", "Spread a record: `{ ...o, amount: 0 }`."));
      return;
    }
    for (const field of record.fields) values.set(field.name, expr.field(source, field.name, field.type, false));
  }

  #arrayLiteral(node: Node & { getElements(): Node[] }, contextName: string): ExprNode {
    const type = this.registry.declared(arrayTypeFor(node), contextName, node, "this array");
    if (!isArray(type)) fail("UNSUPPORTED_SYNTAX", node, "This array", "Give its elements one type.");
    const items = node.getElements().map((e) => {
      if (Node.isSpreadElement(e)) {
        this.#errors.push(diagnostic("UNSUPPORTED_SYNTAX", e, "Spreading `...` into an array", "Build the array from its items: `[a, b]` (`xs.concat` is not supported either)."));
        return FAILED;
      }
      return this.#retype(this.#child(e as Expression, `${contextName}_item`), type.items);
    });
    return expr.array(items, type);
  }
}

/**
 * The type a record literal builds: the record type the context names (`Out<Alert>`, a declared
 * return type), so it keeps that name, or else its own anonymous type.
 */
function recordTypeFor(node: Node): Type {
  const contextual = (node as Node & { getContextualType?(): Type | undefined }).getContextualType?.();
  return contextual && fitsRecordContext(node.getType(), contextual) ? contextual : node.getType();
}

/** Whether a record value of type `own` can take the record type its context expects. */
function fitsRecordContext(own: Type, contextual: Type): boolean {
  return (
    !contextual.isUnion() &&
    contextual.isObject() &&
    !contextual.isArray() &&
    !contextual.isReadonlyArray() &&
    contextual.getCallSignatures().length === 0 &&
    own.isObject() &&
    !own.isArray() &&
    own.isAssignableTo(contextual)
  );
}

/**
 * A function's result type: the named record type its context expects (`reduce`'s `T`), when the
 * function's own result fits it, so a record literal keeps that type's name; else its own.
 */
function resultTypeOf(fn: FunctionNode): Type {
  const own = fn.getReturnType();
  const contextual = (fn as Node & { getContextualType?(): Type | undefined }).getContextualType?.()?.getCallSignatures()[0]?.getReturnType();
  return contextual && fitsRecordContext(own, contextual) ? contextual : own;
}

/**
 * An expression's type, or the record (or array of records) type its context expects when its own
 * is an anonymous type that fits it, so a value keeps the type of the place it goes.
 */
function contextualTypeFor(node: Node): Type {
  const own = node.getType();
  const contextual = (node as Node & { getContextualType?(): Type | undefined }).getContextualType?.();
  if (!contextual || contextual === own) return own;
  const element = contextual.isArray() || contextual.isReadonlyArray() ? contextual.getArrayElementType() : undefined;
  const ownElement = own.isArray() ? own.getArrayElementType() : undefined;
  if (element && ownElement && fitsRecordContext(ownElement, element) && own.isAssignableTo(contextual)) return contextual;
  return fitsRecordContext(own, contextual) ? contextual : own;
}

/** `[]` has the item type its context gives (a function's declared result), not `never`. */
function arrayTypeFor(node: Node): Type {
  const own = node.getType();
  const element = own.isArray() ? own.getArrayElementType() : undefined;
  if (element && !element.isNever()) return contextualTypeFor(node);
  const contextual = (node as Node & { getContextualType?(): Type | undefined }).getContextualType?.();
  return contextual && (contextual.isArray() || contextual.isReadonlyArray()) ? contextual : own;
}

/** Whether a value of type `value` can stand where `target` is expected (numbers widen). */
function fitsType(value: IrType, target: IrType): boolean {
  const v = nonNull(value);
  const t = nonNull(target);
  return v === "null" || sameType(v, t) || (isNumeric(v) && isNumeric(t)) || (isNamed(v) && t === "string") || (v === "string" && isNamed(t));
}

/**
 * Each diagnostic once: the statements after an `if` whose branches both fall through are
 * translated once per branch, and would report their problems twice.
 */
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.start}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function blockStatements(node: TsStatement | Node): readonly Node[] {
  return Node.isBlock(node) ? node.getStatements() : [node];
}

function isNullLiteral(node: Node): boolean {
  let inner = node;
  while (Node.isParenthesizedExpression(inner)) inner = inner.getExpression();
  return Node.isNullLiteral(inner);
}

function mayBeNull(type: Type): boolean {
  return (type.isUnion() ? type.getUnionTypes() : [type]).some((t) => t.isNull());
}

/** A string, number or boolean constant as a literal node. */
function constantLiteral(constant: string | number | boolean, node: Node): ExprNode {
  if (typeof constant === "number") return finiteLiteral(constant, node);
  return expr.literal(constant, typeof constant === "string" ? "string" : "boolean");
}

/** JSON, and so the graph, has no NaN or infinities: such a constant cannot be a literal. */
function finiteLiteral(value: number, node: Node): ExprNode {
  if (!Number.isFinite(value)) {
    fail("UNSUPPORTED_SYNTAX", node, `The constant ${value}`, "Write a finite number, or compute the value from the record's fields.");
  }
  return expr.literal(value, "double");
}

/** `NaN` and `Infinity` as the arithmetic that makes them, since literals must be finite. */
function nonFinite(name: "NaN" | "Infinity"): ExprNode {
  return expr.binary("/", expr.literal(name === "NaN" ? 0 : 1, "double"), expr.literal(0, "double"), "double");
}

/** int → long → double, timestamps as longs: the numbers the harness widens without a `coerce`. */
function numberWidens(from: IrType, to: IrType): boolean {
  const kind = (t: IrType): string => (isTimestamp(t) ? "long" : String(t));
  return kind(from) === kind(to) || from === "int" || to === "double";
}

function isStringy(type: Type): boolean {
  const t = type.isUnion() ? type.getUnionTypes().filter((m) => !m.isNull() && !m.isUndefined()) : [type];
  return t.length > 0 && t.every((m) => m.isString() || m.isStringLiteral() || m.isTemplateLiteral());
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * Statements with no effect at run time, which both JavaScript and the graph skip: `;`, and type
 * declarations, which only the type checker reads.
 */
function isInert(statement: Node): boolean {
  return Node.isEmptyStatement(statement) || Node.isTypeAliasDeclaration(statement) || Node.isInterfaceDeclaration(statement);
}

/** The names a destructuring pattern declares, nested patterns included; none for a plain name. */
function patternNames(node: Node): string[] {
  if (!Node.isObjectBindingPattern(node) && !Node.isArrayBindingPattern(node)) return [];
  return node.getElements().flatMap((element) => {
    if (!Node.isBindingElement(element)) return [];
    const name = element.getNameNode();
    return Node.isIdentifier(name) ? [name.getText()] : patternNames(name);
  });
}

/** The name a refused function, class or enum declaration gives its uses. */
function declaredNames(statement: Node): string[] {
  const name = Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement) || Node.isEnumDeclaration(statement) ? statement.getName() : undefined;
  return name === undefined ? [] : [name];
}

/** The names a function's destructuring parameters declare. */
function refusedNames(fn: FunctionNode): string[] {
  return fn.getParameters().flatMap((p) => patternNames((p as Node & { getNameNode(): Node }).getNameNode()));
}

function withArticle(text: string): string {
  return `${/^[aeiou]/.test(text) ? "An" : "A"} ${text}`;
}

function describeSyntax(node: Node): string {
  return node
    .getKindName()
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}
