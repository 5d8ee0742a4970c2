import * as path from "node:path";
import { Node, SyntaxKind, type CallExpression, type Expression, type Type } from "ts-morph";
import { DiagnosticError, diagnostic, fail, type Diagnostic } from "../diagnostics/diagnostic.js";
import { lineAndColumn } from "../diagnostics/diagnostic-formatter.js";
import type { FunctionIr } from "../ir/expression-nodes.js";
import {
  freezeDeep, SCHEMA_VERSION,
  type GraphNode, type JobConfig, type KafkaSourceNode, type JobGraph, type KafkaSinkSpec, type SourceLocation,
} from "../ir/graph-nodes.js";
import { isNamed, isTimestamp, nonNull } from "../ir/ir-types.js";
import type { LoadedPipeline } from "../load/project-loader.js";
import { FunctionTranslator } from "../translate/function-translator.js";
import { TypeRegistry, avroName } from "../translate/type-registry.js";
import { parseDuration } from "./duration.js";
import { databaseSinkNode, isDatabaseConnector } from "./database-sinks.js";
import {
  StaticEvaluator, isConnectorCall, isStaticObject,
  type ConnectorCall, type StaticObject, type StaticValue,
} from "./static-evaluator.js";

const DEFAULT_TRANSACTION_TIMEOUT_MS = 15 * 60_000;
const KAFKA_CONNECTION = Object.freeze({ bootstrapServers: Object.freeze({ env: "KAFKA_BOOTSTRAP_SERVERS" }) });
const STREAM_OPERATIONS = ["filter", "map"] as const;
type StreamOperation = (typeof STREAM_OPERATIONS)[number];

interface StreamRef {
  readonly id: string;
  readonly outputType: string;
}
/** Stands for a stream whose definition failed: its uses are not reported again. */
const ABANDONED: StreamRef = Object.freeze({ id: "", outputType: "" });

/** Where each node came from, for diagnostics of later phases. */
export interface NodeSite {
  readonly id: string;
  readonly at: Node;
}

export interface ExtractResult {
  readonly graph: JobGraph | undefined;
  readonly sites: readonly NodeSite[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Finds the file's `pipeline(...)` and builds the job graph from its body by reading the
 * source: `const` bindings of streams, chains of operations, and `.to(sink)` statements.
 * Node ids come from those names (a `const`, a topic, a `name` option), never from counters,
 * so editing one part of a pipeline leaves the ids of the rest alone.
 */
export function extractPipeline(loaded: LoadedPipeline, projectRoot: string, compilerVersion: string): ExtractResult {
  return new PipelineExtractor(loaded, projectRoot, compilerVersion).run();
}

class PipelineExtractor {
  readonly #diagnostics: Diagnostic[] = [];
  readonly #nodes: GraphNode[] = [];
  readonly #sites: NodeSite[] = [];
  readonly #streams = new Map<Node, StreamRef>();
  readonly #registry = new TypeRegistry();
  readonly #evaluator: StaticEvaluator;
  #jobName = "pipeline";
  #builderParam: Node | undefined;

  constructor(
    private readonly loaded: LoadedPipeline,
    private readonly projectRoot: string,
    private readonly compilerVersion: string,
  ) {
    this.#evaluator = new StaticEvaluator((call) => this.#resolveConnector(call));
  }

  run(): ExtractResult {
    const calls = this.loaded.sourceFile
      .getDescendantsOfKind(SyntaxKind.CallExpression)
      .filter((c) => this.#isApi(c.getExpression(), "pipeline"));
    const call = calls[0];
    if (!call) {
      return { graph: undefined, sites: [], diagnostics: [diagnostic("NO_PIPELINE", this.loaded.sourceFile)] };
    }
    for (const extra of calls.slice(1)) {
      this.#diagnostics.push(diagnostic("INVALID_OPTION", extra, "A file defines one pipeline; move this one to its own file."));
    }
    const job = this.#guard(() => this.#jobConfig(call));
    const body = call.getArguments()[1];
    if (body && (Node.isArrowFunction(body) || Node.isFunctionExpression(body))) {
      this.#builderParam = body.getParameters()[0];
      const block = body.getBody();
      const statements = Node.isBlock(block) ? block.getStatements() : [block];
      for (const statement of statements) this.#guard(() => this.#statement(statement));
    } else if (body) {
      this.#diagnostics.push(diagnostic("FUNCTION_SHAPE", body, "The pipeline body must be written inline: `(p) => { … }`."));
    }
    if (this.#diagnostics.length > 0 || !job) return { graph: undefined, sites: this.#sites, diagnostics: this.#diagnostics };
    const graph: JobGraph = {
      schemaVersion: SCHEMA_VERSION,
      compiler: { name: "tsflink", version: this.compilerVersion },
      job,
      types: this.#registry.definitions(),
      nodes: this.#nodes,
    };
    return { graph: freezeDeep(graph), sites: this.#sites, diagnostics: [] };
  }

  #guard<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      this.#diagnostics.push(...e.diagnostics);
      return undefined;
    }
  }

  // ---- recognising the API ----

  #isApiDeclaration(node: Node | undefined): boolean {
    const file = node?.getSourceFile().getFilePath();
    return file !== undefined && this.loaded.apiDirectories.some((dir) => file.startsWith(dir + path.sep) || file.startsWith(dir + "/"));
  }

  #isApi(callee: Node, name: string): boolean {
    if (!Node.isIdentifier(callee) || callee.getText() === "") return false;
    const symbol = callee.getSymbol();
    const resolved = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
    const declaration = resolved?.getDeclarations()[0];
    return resolved?.getName() === name && this.#isApiDeclaration(declaration);
  }

  #resolveConnector(call: Node): { connector: string; method: string } | undefined {
    if (!Node.isCallExpression(call)) return undefined;
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const declaration = callee.getSymbol()?.getDeclarations()[0];
    if (!this.#isApiDeclaration(declaration)) return undefined;
    const file = declaration!.getSourceFile().getFilePath();
    const match = /connectors[\\/]([a-z0-9-]+)[\\/]/.exec(file);
    return match ? { connector: match[1]!, method: callee.getName() } : undefined;
  }

  #isStream(type: Type): boolean {
    if (type.isIntersection()) return type.getIntersectionTypes().some((t) => this.#isStream(t));
    const symbol = type.getSymbol() ?? type.getAliasSymbol();
    return symbol?.getName() === "Stream" && this.#isApiDeclaration(symbol.getDeclarations()[0]);
  }

  // ---- job configuration ----

  #jobConfig(call: CallExpression): JobConfig {
    const configNode = call.getArguments()[0];
    if (!configNode) fail("NOT_STATIC", call, "The pipeline configuration");
    const config = this.#object(configNode, "The pipeline configuration");
    const name = this.#string(config, "name", configNode) ?? "";
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) fail("INVALID_JOB_NAME", config.entries.get("name")?.node ?? configNode, name);
    this.#jobName = name;
    const parallelism = this.#positiveInt(config, "parallelism") ?? 1;
    const checkpoint = this.#optionalObject(config, "checkpoint", "The checkpoint options");
    const restart = this.#optionalObject(config, "restart", "The restart options");
    return {
      name,
      parallelism,
      checkpoint: {
        intervalMs: this.#duration(checkpoint, "interval") ?? 10_000,
        mode: (checkpoint && this.#choice(checkpoint, "mode", ["exactly-once", "at-least-once"] as const)) ?? "exactly-once",
        timeoutMs: this.#duration(checkpoint, "timeout") ?? 600_000,
        minPauseMs: this.#duration(checkpoint, "minPause") ?? 0,
      },
      restart: {
        strategy: "fixed-delay",
        attempts: (restart && this.#positiveInt(restart, "attempts", true)) ?? 2_147_483_647,
        delayMs: this.#duration(restart, "delay") ?? 2_000,
      },
    };
  }

  // ---- the body ----

  #statement(statement: Node): void {
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const initializer = declaration.getInitializer();
        if (!initializer || !this.#isStream(declaration.getType())) continue;
        const nameNode = declaration.getNameNode();
        if (!Node.isIdentifier(nameNode)) fail("UNSUPPORTED_STATEMENT", nameNode, "a destructuring declaration");
        try {
          this.#streams.set(declaration, this.#stream(initializer, { base: nameNode.getText(), bound: true }));
        } catch (e) {
          this.#streams.set(declaration, ABANDONED);
          throw e;
        }
      }
      return;
    }
    if (Node.isExpressionStatement(statement) || Node.isCallExpression(statement)) {
      const expression = Node.isExpressionStatement(statement) ? statement.getExpression() : statement;
      if (Node.isCallExpression(expression)) {
        const callee = expression.getExpression();
        if (Node.isPropertyAccessExpression(callee) && callee.getName() === "to" && this.#isStream(callee.getExpression().getType())) {
          this.#sinkStatement(expression, callee.getExpression(), callee.getNameNode());
          return;
        }
      }
      fail("UNSUPPORTED_STATEMENT", statement, "an expression that writes to no sink");
    }
    fail("UNSUPPORTED_STATEMENT", statement, `a ${statement.getKindName().replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`);
  }

  #sinkStatement(call: CallExpression, streamExpression: Expression, toName: Node): void {
    const sinkArgument = call.getArguments()[0];
    if (!sinkArgument) fail("UNKNOWN_CONNECTOR", call, "The argument of `.to(...)`", "sink");
    const sink = this.#evaluator.evaluate(sinkArgument, "The sink");
    if (!isConnectorCall(sink) || sink.method !== "sink") fail("UNKNOWN_CONNECTOR", sinkArgument, "The argument of `.to(...)`", "sink");
    if (isDatabaseConnector(sink.connector)) {
      const node = databaseSinkNode(sink, streamExpression, toName, {
        registry: this.#registry,
        input: (sinkId) => this.#stream(streamExpression, { base: sinkId, bound: false }),
        location: (n) => this.#location(n),
        shortLocation: (n) => this.#shortLocation(n),
        deadLetter: (deadLetter, uid) => this.#kafkaSinkSpec(deadLetter, uid, "dead letters", deadLetter.node),
      });
      this.#add(node, toName);
      return;
    }
    const topic = this.#string(sink.options, "topic", sink.node) ?? "";
    const id = this.#string(sink.options, "name", sink.node) ?? `${sink.connector}-sink.${topic}`;
    const input = this.#stream(streamExpression, { base: id, bound: false });
    const spec = this.#kafkaSinkSpec(sink, id, "sink", toName);
    const parallelism = this.#positiveInt(sink.options, "parallelism");
    this.#add(
      {
        kind: "kafka-sink",
        id,
        uid: id,
        name: spec.name,
        location: this.#location(toName),
        inputs: [input.id],
        ...(parallelism === undefined ? {} : { parallelism }),
        inputType: input.outputType,
        format: this.#choice(sink.options, "format", ["avro", "json"] as const) ?? "json",
        sink: spec,
      },
      toName,
    );
  }

  #kafkaSinkSpec(sink: ConnectorCall, uid: string, label: string, at: Node): KafkaSinkSpec {
    const topic = this.#string(sink.options, "topic", sink.node) ?? "";
    if (topic === "") fail("INVALID_OPTION", sink.node, "A Kafka sink needs a non-empty `topic`.");
    return {
      uid,
      name: `${label} ${topic} · ${this.#shortLocation(at)}`,
      topic,
      guarantee: this.#choice(sink.options, "guarantee", ["exactly-once", "at-least-once"] as const) ?? "exactly-once",
      transactionalIdPrefix: `tsflink-${this.#jobName}-${uid}`,
      transactionTimeoutMs: this.#duration(sink.options, "transactionTimeout") ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
      connection: KAFKA_CONNECTION,
    };
  }

  /**
   * Builds the nodes of a chain such as `orders.filter(f).map(g)`. With `bound`, the chain is
   * the initialiser of `const base`: its last operation is named `base` and earlier ones
   * `base.filter`, `base.map2`…; otherwise every operation is `base.<operation>`.
   */
  #stream(expression: Expression, naming: { base: string; bound: boolean }): StreamRef {
    const links: { call: CallExpression; operation: StreamOperation; nameNode: Node }[] = [];
    let root: Expression = expression;
    for (;;) {
      if (Node.isParenthesizedExpression(root) || Node.isAsExpression(root) || Node.isSatisfiesExpression(root)) {
        root = root.getExpression();
        continue;
      }
      if (!Node.isCallExpression(root)) break;
      const callee = root.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || !this.#isStream(callee.getExpression().getType())) break;
      const operation = callee.getName();
      if (!(STREAM_OPERATIONS as readonly string[]).includes(operation)) {
        fail("UNKNOWN_STREAM_CALL", callee.getNameNode(), operation, [...STREAM_OPERATIONS, "to"].join(", "));
      }
      links.unshift({ call: root, operation: operation as StreamOperation, nameNode: callee.getNameNode() });
      root = callee.getExpression();
    }
    let current = this.#root(root, naming, links.length === 0);
    const seen = new Map<string, number>();
    links.forEach((link, index) => {
      const count = (seen.get(link.operation) ?? 0) + 1;
      seen.set(link.operation, count);
      const last = index === links.length - 1;
      const id = naming.bound && last ? naming.base : `${naming.base}.${link.operation}${count > 1 ? count : ""}`;
      current = this.#operation(link.call, link.operation, link.nameNode, id, current);
    });
    return current;
  }

  #root(root: Expression, naming: { base: string; bound: boolean }, alone: boolean): StreamRef {
    if (Node.isIdentifier(root)) {
      const declaration = root.getSymbol()?.getDeclarations()[0];
      const known = declaration && this.#streams.get(declaration);
      if (known === ABANDONED) throw new DiagnosticError([]);
      if (known) return known;
      fail("NOT_A_STREAM", root, root.getText());
    }
    if (Node.isCallExpression(root)) {
      const callee = root.getExpression();
      if (
        Node.isPropertyAccessExpression(callee) &&
        callee.getName() === "source" &&
        this.#builderParam !== undefined &&
        callee.getExpression().getSymbol()?.getDeclarations()[0] === this.#builderParam
      ) {
        const base = naming.bound && alone ? naming.base : `${naming.base}.source`;
        return this.#source(root, callee.getNameNode(), base);
      }
    }
    fail("NOT_A_STREAM", root, root.getText());
  }

  #source(call: CallExpression, nameNode: Node, defaultId: string): StreamRef {
    const argument = call.getArguments()[0];
    if (!argument) fail("UNKNOWN_CONNECTOR", call, "The argument of `p.source(...)`", "source");
    const source = this.#evaluator.evaluate(argument, "The source");
    if (!isConnectorCall(source) || source.method !== "source") fail("UNKNOWN_CONNECTOR", argument, "The argument of `p.source(...)`", "source");
    const options = source.options;
    const id = this.#string(options, "name", source.node) ?? defaultId;
    const topic = this.#string(options, "topic", source.node) ?? "";
    if (topic === "") fail("INVALID_OPTION", source.node, "A Kafka source needs a non-empty `topic`.");
    const typeArgument = Node.isCallExpression(source.node) ? source.node.getTypeArguments()[0] : undefined;
    const element = streamElement(call);
    const outputType = this.#registry.declared(element, `${avroName(id)}_Record`, typeArgument ?? source.node, "the source's records");
    if (!isNamed(outputType) || this.#registry.definition(outputType)?.type !== "record") {
      fail("NO_AVRO_TYPE", typeArgument ?? source.node, element.getText(), "the source's records", "A source reads records: declare an interface.");
    }
    const deadLetterValue = options.entries.get("deadLetter");
    let deadLetter: KafkaSinkSpec | null = null;
    if (deadLetterValue && deadLetterValue.value !== undefined) {
      if (!isConnectorCall(deadLetterValue.value) || deadLetterValue.value.connector !== "kafka" || deadLetterValue.value.method !== "sink") {
        fail("UNKNOWN_CONNECTOR", deadLetterValue.node, "`deadLetter`", "sink");
      }
      deadLetter = this.#kafkaSinkSpec(deadLetterValue.value, `${id}.dead-letter`, "dead letters", deadLetterValue.value.node);
    }
    const eventTime = this.#eventTime(options, outputType);
    this.#add(
      {
        kind: "kafka-source",
        id,
        uid: id,
        name: `source ${topic} · ${this.#shortLocation(nameNode)}`,
        location: this.#location(nameNode),
        inputs: [],
        topic,
        format: this.#choice(options, "format", ["avro", "json"] as const) ?? "json",
        startFrom: this.#choice(options, "startFrom", ["earliest", "latest", "committed"] as const) ?? "committed",
        groupId: this.#string(options, "groupId", source.node) ?? `tsflink-${this.#jobName}-${id}`,
        outputType,
        eventTime,
        deadLetter,
        connection: KAFKA_CONNECTION,
      },
      nameNode,
    );
    return { id, outputType };
  }

  #eventTime(options: StaticObject, recordType: string): KafkaSourceNode["eventTime"] {
    const eventTime = this.#optionalObject(options, "eventTime", "The event-time options");
    if (!eventTime) return null;
    const field = this.#string(eventTime, "field", eventTime.node) ?? "";
    const at = eventTime.entries.get("field")?.node ?? eventTime.node;
    const record = this.#registry.definition(recordType);
    const declared = record?.type === "record" ? record.fields.find((f) => f.name === field) : undefined;
    if (!declared) fail("EVENT_TIME_FIELD", at, field, `is not a field of ${recordType}`);
    const type = declared.type;
    if (nonNull(type) !== type) fail("EVENT_TIME_FIELD", at, field, "is optional; every record needs a time");
    if (!isTimestamp(type) && type !== "long" && type !== "int") fail("EVENT_TIME_FIELD", at, field, "is not a time");
    return {
      field,
      maxOutOfOrdernessMs: this.#duration(eventTime, "maxOutOfOrderness") ?? 0,
      idlenessMs: this.#duration(eventTime, "idleness") ?? null,
    };
  }

  #operation(call: CallExpression, operation: StreamOperation, nameNode: Node, id: string, input: StreamRef): StreamRef {
    const fnNode = call.getArguments()[0];
    if (!fnNode) fail("FUNCTION_SHAPE", call, `'${operation}' takes a function.`);
    const translator = new FunctionTranslator(this.#registry, avroName(`${id}_Out`));
    const result = translator.translate(fnNode, [input.outputType]);
    this.#diagnostics.push(...result.errors);
    const fn: FunctionIr | undefined = result.fn;
    let outputType = input.outputType;
    if (fn && operation === "map") {
      if (!isNamed(fn.returnType) || this.#registry.definition(fn.returnType)?.type !== "record") {
        fail("FUNCTION_SHAPE", fnNode, "A map function must return a record: `(o) => ({ field: … })`.");
      }
      outputType = fn.returnType;
    }
    if (fn) {
      this.#add(
        {
          kind: operation,
          id,
          uid: id,
          name: `${operation} · ${this.#shortLocation(nameNode)}`,
          location: this.#location(nameNode),
          inputs: [input.id],
          fn,
          outputType,
        },
        nameNode,
      );
    }
    return { id, outputType };
  }

  #add(node: GraphNode, at: Node): void {
    this.#nodes.push(node);
    this.#sites.push({ id: node.id, at });
  }

  // ---- locations ----

  #location(node: Node): SourceLocation {
    const file = node.getSourceFile();
    const { line, column } = lineAndColumn(file.getFullText(), node.getStart());
    const relative = path.relative(this.projectRoot, file.getFilePath()).split(path.sep).join("/");
    return { file: relative, line, column };
  }

  #shortLocation(node: Node): string {
    const { file, line } = this.#location(node);
    return `${path.posix.basename(file)}:${line}`;
  }

  // ---- reading options ----

  #object(node: Node, what: string): StaticObject {
    const value = this.#evaluator.evaluate(node, what);
    if (!isStaticObject(value)) fail("NOT_STATIC", node, what);
    return value;
  }

  #optionalObject(owner: StaticObject | undefined, key: string, what: string): StaticObject | undefined {
    const entry = owner?.entries.get(key);
    if (!entry || entry.value === undefined) return undefined;
    if (!isStaticObject(entry.value)) fail("NOT_STATIC", entry.node, what);
    return entry.value;
  }

  #string(owner: StaticObject, key: string, at: Node): string | undefined {
    const entry = owner.entries.get(key);
    if (!entry || entry.value === undefined) return undefined;
    if (typeof entry.value !== "string") fail("INVALID_OPTION", entry.node ?? at, `\`${key}\` must be a string.`);
    return entry.value;
  }

  #positiveInt(owner: StaticObject, key: string, allowZero = false): number | undefined {
    const entry = owner.entries.get(key);
    if (!entry || entry.value === undefined) return undefined;
    const v: StaticValue = entry.value;
    if (typeof v !== "number" || !Number.isInteger(v) || v < (allowZero ? 0 : 1)) {
      fail("INVALID_OPTION", entry.node, `\`${key}\` must be a whole number ${allowZero ? "of at least 0" : "of at least 1"}.`);
    }
    return v;
  }

  #duration(owner: StaticObject | undefined, key: string): number | undefined {
    const entry = owner?.entries.get(key);
    if (!entry || entry.value === undefined) return undefined;
    const ms = typeof entry.value === "string" ? parseDuration(entry.value) : undefined;
    if (ms === undefined) fail("INVALID_DURATION", entry.node, String(entry.value));
    return ms;
  }

  #choice<T extends string>(owner: StaticObject, key: string, allowed: readonly T[]): T | undefined {
    const entry = owner.entries.get(key);
    if (!entry || entry.value === undefined) return undefined;
    if (typeof entry.value !== "string" || !(allowed as readonly string[]).includes(entry.value)) {
      fail("INVALID_OPTION", entry.node, `\`${key}\` must be one of ${allowed.map((a) => `"${a}"`).join(", ")}.`);
    }
    return entry.value as T;
  }
}

/** T of the `Stream<T>` a call returns. */
function streamElement(call: CallExpression): Type {
  const args = call.getType().getTypeArguments();
  const alias = call.getType().getAliasTypeArguments();
  const element = args[0] ?? alias[0];
  if (!element) fail("NOT_A_STREAM", call, call.getText());
  return element;
}
