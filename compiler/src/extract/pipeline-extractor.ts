import * as path from "node:path";
import { Node, SyntaxKind, type CallExpression, type Expression, type Type } from "ts-morph";
import { DiagnosticError, diagnostic, fail, isError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { lineAndColumn } from "../diagnostics/diagnostic-formatter.js";
import type { FunctionIr } from "../ir/expression-nodes.js";
import {
  freezeDeep, SCHEMA_VERSION,
  type Aggregate, type GraphNode, type JobConfig, type KafkaSourceNode, type JobGraph, type KafkaSinkSpec,
  type LateOutput, type SourceLocation, type WindowSpec,
} from "../ir/graph-nodes.js";
import { TIMESTAMP, describeType, isArray, isNamed, isTimestamp, nonNull, sameType, type IrType, type NamedTypeDef } from "../ir/ir-types.js";
import type { LoadedPipeline } from "../load/project-loader.js";
import { FunctionTranslator } from "../translate/function-translator.js";
import { TypeRegistry, avroName, typeText } from "../translate/type-registry.js";
import { checkGroupId, checkOperatorName, checkTopic } from "./names.js";
import { staticOptions } from "./static-options.js";
import { parseDuration } from "./duration.js";
import { databaseSinkNode, isDatabaseConnector } from "./database-sinks.js";
import { aggregateField, between, stateDeclarations, windowSpec, type ReaderContext } from "./keyed-operations.js";
import {
  StaticEvaluator, constInitializer, isConnectorCall, isStaticObject,
  type ConnectorCall, type StaticObject, type StaticValue,
} from "./static-evaluator.js";

const DEFAULT_TRANSACTION_TIMEOUT_MS = 15 * 60_000;
/** The uid of the pipeline's `deadLetter` sink: the job's own, where a source's is `<source id>.dead-letter`. */
const JOB_DEAD_LETTER_UID = "pipeline.dead-letters";
/** Flink's minimum checkpoint interval and timeout. */
const MIN_CHECKPOINT_MS = 10;
const KAFKA_CONNECTION = Object.freeze({ bootstrapServers: Object.freeze({ env: "KAFKA_BOOTSTRAP_SERVERS" }) });
/** The operations of each kind of stream, and whether each makes a node of the graph. */
const OPERATIONS = {
  Stream: ["filter", "map", "flatMap", "keyBy", "union"],
  KeyedStream: ["reduce", "window", "process", "intervalJoin", "windowJoin"],
  WindowedStream: ["aggregate"],
} as const;
type ApiStreamKind = keyof typeof OPERATIONS;
type Operation = (typeof OPERATIONS)[ApiStreamKind][number];
/** One operation call of a chain, and the node id it gets. */
interface OperationSite {
  readonly call: CallExpression;
  readonly nameNode: Node;
  readonly id: string;
  readonly operation: Operation;
}

export interface StreamRef {
  readonly id: string;
  readonly outputType: string;
  /** Whether the stream's records carry event time and watermarks. */
  readonly eventTime: boolean;
}
/** A keyed stream: a stream and the key function the next keyed node keys it by. */
interface KeyedRef {
  readonly stream: StreamRef;
  readonly key: FunctionIr;
}
/** A keyed stream cut into windows, waiting for its `.aggregate`. */
interface WindowedRef extends KeyedRef {
  readonly window: WindowSpec;
  readonly allowedLatenessMs: number;
  readonly late: LateOutput | null;
  readonly name: string | undefined;
}
type Cursor =
  | { readonly kind: "stream"; readonly ref: StreamRef }
  | { readonly kind: "keyed"; readonly ref: KeyedRef }
  | { readonly kind: "windowed"; readonly ref: WindowedRef }
  /** Stands for a stream whose definition failed: its uses are not reported again. */
  | { readonly kind: "abandoned" };
const ABANDONED: Cursor = Object.freeze({ kind: "abandoned" });
/** How a NEEDS_CHECKPOINTS refusal names each kind of exactly-once Kafka destination. */
const SINK_LABELS = { sink: "This Kafka sink", "dead letters": "This dead-letter sink", late: "This window's late sink" } as const;
const DATABASE_LABELS: Readonly<Record<string, string>> = { postgres: "PostgreSQL", mongo: "MongoDB", redis: "Redis" };
const SINK_KINDS: ReadonlySet<GraphNode["kind"]> = new Set(["kafka-sink", "postgres-sink", "mongo-sink", "redis-sink"]);

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
  readonly #streams = new Map<Node, Cursor>();
  readonly #registry = new TypeRegistry();
  readonly #evaluator: StaticEvaluator;
  #jobName = "pipeline";
  readonly #readers: ReaderContext;
  #builderParam: Node | undefined;
  /** The `checkpoint.interval` option, when the pipeline sets one. */
  #intervalNode: Node | undefined;
  /** Every destination that writes exactly-once, which needs checkpoints to commit. */
  readonly #exactlyOnce: { readonly at: Node; readonly what: string }[] = [];

  constructor(
    private readonly loaded: LoadedPipeline,
    private readonly projectRoot: string,
    private readonly compilerVersion: string,
  ) {
    this.#evaluator = new StaticEvaluator((call) => this.#resolveConnector(call));
    this.#readers = {
      registry: this.#registry,
      evaluator: this.#evaluator,
      isApi: (callee, name) => this.#isApi(callee, name),
      report: (diagnostics) => this.#diagnostics.push(...diagnostics),
    };
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
    if (!this.#diagnostics.some(isError) && job) this.#diagnostics.push(...this.#jobChecks(call, job));
    if (this.#diagnostics.some(isError) || !job) return { graph: undefined, sites: this.#sites, diagnostics: this.#diagnostics };
    this.#diagnostics.push(...this.#unwrittenStreams());
    const graph: JobGraph = {
      schemaVersion: SCHEMA_VERSION,
      compiler: { name: "tsflink", version: this.compilerVersion },
      job,
      types: usedTypes(this.#registry.definitions(), this.#nodes),
      nodes: this.#nodes,
    };
    // What is left are warnings: reported, but the graph is good.
    return { graph: freezeDeep(graph), sites: this.#sites, diagnostics: this.#diagnostics };
  }

  /** What the harness would refuse of the whole job: no source, exactly-once without checkpoints. */
  #jobChecks(call: CallExpression, job: JobConfig): Diagnostic[] {
    if (!this.#nodes.some((n) => n.kind === "kafka-source")) return [diagnostic("NO_SOURCE", call.getExpression())];
    if (job.checkpoint.intervalMs !== 0 || !this.#intervalNode) return [];
    const interval = this.#intervalNode;
    const { line, column } = lineAndColumn(interval.getSourceFile().getFullText(), interval.getStart());
    return this.#exactlyOnce.map((d) => diagnostic("NEEDS_CHECKPOINTS", d.at, d.what, `line ${line}, column ${column}`));
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
    return this.#streamKind(type) === "Stream";
  }

  /** Which of the API's stream interfaces a type is, if any. */
  #streamKind(type: Type): ApiStreamKind | undefined {
    if (type.isIntersection()) {
      for (const part of type.getIntersectionTypes()) {
        const kind = this.#streamKind(part);
        if (kind) return kind;
      }
      return undefined;
    }
    const symbol = type.getSymbol() ?? type.getAliasSymbol();
    const name = symbol?.getName();
    if ((name === "Stream" || name === "KeyedStream" || name === "WindowedStream") && this.#isApiDeclaration(symbol!.getDeclarations()[0])) return name;
    return undefined;
  }

  // ---- job configuration ----

  #jobConfig(call: CallExpression): JobConfig {
    const configNode = call.getArguments()[0];
    if (!configNode) fail("NOT_STATIC", call, "The pipeline configuration");
    const config = this.#object(configNode, "The pipeline configuration");
    const name = this.#string(config, "name", configNode) ?? "";
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) fail("INVALID_JOB_NAME", config.entries.get("name")?.node ?? configNode, name);
    this.#jobName = name;
    const parallelism = staticOptions.parallelism(config) ?? 1;
    const checkpoint = this.#optionalObject(config, "checkpoint", "The checkpoint options");
    const restart = this.#optionalObject(config, "restart", "The restart options");
    const intervalMs = this.#duration(checkpoint, "interval") ?? 10_000;
    this.#intervalNode = checkpoint?.entries.get("interval")?.node;
    if (intervalMs > 0 && intervalMs < MIN_CHECKPOINT_MS) {
      fail("INVALID_OPTION", this.#intervalNode!, `\`interval\` must be "0s" (no checkpoints) or at least "${MIN_CHECKPOINT_MS}ms", Flink's minimum.`);
    }
    const timeoutMs = this.#duration(checkpoint, "timeout") ?? 600_000;
    if (intervalMs > 0 && timeoutMs < MIN_CHECKPOINT_MS) {
      fail("INVALID_OPTION", checkpoint!.entries.get("timeout")!.node, `\`timeout\` must be at least "${MIN_CHECKPOINT_MS}ms", Flink's minimum.`);
    }
    const deadLetterValue = config.entries.get("deadLetter");
    let deadLetter: KafkaSinkSpec | null = null;
    if (deadLetterValue && deadLetterValue.value !== undefined) {
      if (!isConnectorCall(deadLetterValue.value) || deadLetterValue.value.connector !== "kafka" || deadLetterValue.value.method !== "sink") {
        fail("UNKNOWN_CONNECTOR", deadLetterValue.node, "`deadLetter`", "sink");
      }
      deadLetter = this.#kafkaSinkSpec(deadLetterValue.value, JOB_DEAD_LETTER_UID, "dead letters", deadLetterValue.value.node);
    }
    return {
      name,
      parallelism,
      checkpoint: {
        intervalMs,
        mode: (checkpoint && this.#choice(checkpoint, "mode", ["exactly-once", "at-least-once"] as const)) ?? "exactly-once",
        timeoutMs,
        minPauseMs: this.#duration(checkpoint, "minPause") ?? 0,
      },
      restart: {
        strategy: "fixed-delay",
        attempts: (restart && this.#positiveInt(restart, "attempts", true)) ?? 2_147_483_647,
        delayMs: this.#duration(restart, "delay") ?? 2_000,
      },
      deadLetter,
    };
  }

  // ---- the body ----

  #statement(statement: Node): void {
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const initializer = declaration.getInitializer();
        if (!initializer || !this.#streamKind(declaration.getType())) continue;
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
        // A stream built and not bound, as the API page's keyed-state example does: its nodes are
        // named after the stream it starts from, and `#unwrittenStreams` warns that nothing reads them.
        if (this.#streamKind(expression.getType())) {
          this.#stream(expression, { base: this.#chainRoot(expression), bound: false });
          return;
        }
      }
      fail("UNSUPPORTED_STATEMENT", statement, "an expression that is neither a stream nor written to a sink");
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
        input: (sinkId) => this.#streamRef(streamExpression, { base: sinkId, bound: false }),
        location: (n) => this.#location(n),
        shortLocation: (n) => this.#shortLocation(n),
        deadLetter: (deadLetter, uid) => this.#kafkaSinkSpec(deadLetter, uid, "dead letters", deadLetter.node),
      });
      if (node.guarantee === "exactly-once") this.#exactlyOnce.push({ at: sink.node, what: `This ${DATABASE_LABELS[sink.connector]} sink` });
      this.#add(node, toName);
      return;
    }
    const topic = this.#string(sink.options, "topic", sink.node) ?? "";
    const id = this.#name(sink.options) ?? `${sink.connector}-sink.${topic}`;
    const input = this.#streamRef(streamExpression, { base: id, bound: false });
    const spec = this.#kafkaSinkSpec(sink, id, "sink", toName);
    const parallelism = staticOptions.parallelism(sink.options);
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

  #kafkaSinkSpec(sink: ConnectorCall, uid: string, label: keyof typeof SINK_LABELS, at: Node): KafkaSinkSpec {
    const topic = this.#string(sink.options, "topic", sink.node) ?? "";
    if (topic === "") fail("INVALID_OPTION", sink.node, "A Kafka sink needs a non-empty `topic`.");
    checkTopic(topic, sink.options.entries.get("topic")!.node);
    const guarantee = this.#choice(sink.options, "guarantee", ["exactly-once", "at-least-once"] as const) ?? "exactly-once";
    if (guarantee === "exactly-once") this.#exactlyOnce.push({ at: sink.node, what: SINK_LABELS[label] });
    return {
      uid,
      name: `${label} ${topic} · ${this.#shortLocation(at)}`,
      topic,
      guarantee,
      transactionalIdPrefix: `tsflink-${this.#jobName}-${uid}`,
      transactionTimeoutMs: this.#duration(sink.options, "transactionTimeout") ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
      connection: KAFKA_CONNECTION,
    };
  }

  /** A chain that must end in a plain stream (what `.to(...)` and `union` take). */
  #streamRef(expression: Expression, naming: { base: string; bound: boolean }): StreamRef {
    const cursor = this.#stream(expression, naming);
    if (cursor.kind === "abandoned") throw new DiagnosticError([]);
    if (cursor.kind !== "stream") fail("NOT_A_STREAM", expression, truncateText(expression.getText()));
    return cursor.ref;
  }

  /**
   * Builds the nodes of a chain such as `orders.filter(f).keyBy(k).reduce(g)`. With `bound`,
   * the chain is the initialiser of `const base`: its last operation is named `base` and earlier
   * ones `base.filter`, `base.map2`…; otherwise every operation is `base.<operation>`. `keyBy`
   * and `window` make no node: the keyed node after them keys and windows its input itself.
   */
  #stream(expression: Expression, naming: { base: string; bound: boolean }): Cursor {
    const links: { call: CallExpression; operation: Operation; nameNode: Node }[] = [];
    let root: Expression = expression;
    for (;;) {
      if (Node.isParenthesizedExpression(root) || Node.isAsExpression(root) || Node.isSatisfiesExpression(root)) {
        root = root.getExpression();
        continue;
      }
      if (!Node.isCallExpression(root)) break;
      const callee = root.getExpression();
      if (!Node.isPropertyAccessExpression(callee)) break;
      const kind = this.#streamKind(callee.getExpression().getType());
      if (!kind) break;
      const operation = callee.getName();
      const allowed: readonly string[] = OPERATIONS[kind];
      if (!allowed.includes(operation)) {
        fail("UNKNOWN_STREAM_CALL", callee.getNameNode(), operation, [...allowed, ...(kind === "Stream" ? ["to"] : [])].join(", "));
      }
      links.unshift({ call: root, operation: operation as Operation, nameNode: callee.getNameNode() });
      root = callee.getExpression();
    }
    let current = this.#root(root, naming, links.length === 0);
    const seen = new Map<string, number>();
    links.forEach((link, index) => {
      if (current.kind === "abandoned") return;
      const count = (seen.get(link.operation) ?? 0) + 1;
      seen.set(link.operation, count);
      const last = index === links.length - 1;
      const id = naming.bound && last ? naming.base : `${naming.base}.${link.operation}${count > 1 ? count : ""}`;
      current = this.#operation(link.call, link.operation, link.nameNode, id, current);
    });
    return current;
  }

  #root(root: Expression, naming: { base: string; bound: boolean }, alone: boolean): Cursor {
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
        return { kind: "stream", ref: this.#source(root, callee.getNameNode(), base) };
      }
    }
    fail("NOT_A_STREAM", root, truncateText(root.getText()));
  }

  #source(call: CallExpression, nameNode: Node, defaultId: string): StreamRef {
    const argument = call.getArguments()[0];
    if (!argument) fail("UNKNOWN_CONNECTOR", call, "The argument of `p.source(...)`", "source");
    const source = this.#sourceDefinition(argument);
    const options = source.options;
    const id = this.#name(options) ?? defaultId;
    const topic = this.#string(options, "topic", source.node) ?? "";
    if (topic === "") fail("INVALID_OPTION", source.node, "A Kafka source needs a non-empty `topic`.");
    checkTopic(topic, options.entries.get("topic")!.node);
    const groupId = this.#string(options, "groupId", source.node);
    if (groupId !== undefined) checkGroupId(groupId, options.entries.get("groupId")!.node);
    const typeArgument = Node.isCallExpression(source.node) ? source.node.getTypeArguments()[0] : undefined;
    const element = streamElement(call);
    const outputType = this.#registry.declared(element, `${avroName(id)}_Record`, typeArgument ?? source.node, "the source's records");
    if (!isNamed(outputType) || this.#registry.definition(outputType)?.type !== "record") {
      fail("NO_AVRO_TYPE", typeArgument ?? source.node, typeText(element, typeArgument ?? source.node), "the source's records", "A source reads records: declare an interface.");
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
        groupId: groupId ?? `tsflink-${this.#jobName}-${id}`,
        outputType,
        eventTime,
        deadLetter,
        connection: KAFKA_CONNECTION,
      },
      nameNode,
    );
    return { id, outputType, eventTime: eventTime !== null };
  }

  /**
   * The connector call a `p.source(...)` argument stands for: the call itself, or the initialiser
   * of the module-level `const` it names, which a test can import and give the test kit. Nothing
   * else: a source known through any other expression could not be matched by a test.
   */
  #sourceDefinition(argument: Node): ConnectorCall {
    const given = withoutTypeAssertions(argument);
    let definition = given;
    if (Node.isIdentifier(given)) {
      const symbol = given.getSymbol();
      const declaration = (symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol)?.getDeclarations()[0];
      const initializer = constInitializer(given);
      if (!declaration || !initializer) fail("SOURCE_DEFINITION", given, given.getText(), "it is not a `const`");
      // VariableDeclaration → VariableDeclarationList → VariableStatement → SourceFile.
      if (!Node.isSourceFile(declaration.getParent()?.getParent()?.getParent())) {
        fail("SOURCE_DEFINITION", given, given.getText(), "its `const` is declared inside a function, not at module level");
      }
      definition = withoutTypeAssertions(initializer);
      if (!this.#resolveConnector(definition)) {
        fail("SOURCE_DEFINITION", given, given.getText(), "its `const` is initialised by something else");
      }
    } else if (!this.#resolveConnector(given)) {
      fail("SOURCE_DEFINITION", given, truncateText(given.getText()), "it is neither a connector call nor the name of a `const`");
    }
    const source = this.#evaluator.evaluate(definition, "The source");
    if (!isConnectorCall(source) || source.method !== "source") fail("UNKNOWN_CONNECTOR", argument, "The argument of `p.source(...)`", "source");
    return source;
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
    const idlenessMs = this.#duration(eventTime, "idleness") ?? null;
    if (idlenessMs === 0) {
      fail("INVALID_OPTION", eventTime.entries.get("idleness")!.node, "`idleness` must be positive: a source is marked idle after that long without records. Leave it out for a source that never idles.");
    }
    return { field, maxOutOfOrdernessMs: this.#duration(eventTime, "maxOutOfOrderness") ?? 0, idlenessMs };
  }

  #operation(call: CallExpression, operation: Operation, nameNode: Node, id: string, input: Cursor): Cursor {
    const expect = <K extends Cursor["kind"]>(kind: K): Extract<Cursor, { kind: K }> => {
      if (input.kind !== kind) fail("UNKNOWN_STREAM_CALL", nameNode, operation, "the operations of its stream");
      return input as Extract<Cursor, { kind: K }>;
    };
    const site = { call, nameNode, id, operation };
    switch (operation) {
      case "filter":
      case "map":
      case "flatMap":
        return { kind: "stream", ref: this.#mapLike(site, operation, expect("stream").ref) };
      case "keyBy":
        return { kind: "keyed", ref: { stream: expect("stream").ref, key: this.#keyFunction(call, expect("stream").ref, id) } };
      case "union":
        return { kind: "stream", ref: this.#union(site, expect("stream").ref) };
      case "reduce":
        return { kind: "stream", ref: this.#reduce(site, expect("keyed").ref) };
      case "window":
        return { kind: "windowed", ref: this.#window(call, expect("keyed").ref) };
      case "aggregate":
        return { kind: "stream", ref: this.#aggregate(site, expect("windowed").ref) };
      case "process":
        return { kind: "stream", ref: this.#process(site, expect("keyed").ref) };
      case "intervalJoin":
      case "windowJoin":
        return { kind: "stream", ref: this.#join(site, operation, expect("keyed").ref) };
    }
  }

  /** The node's display name and location, from the operation's name in the source. */
  #common(site: OperationSite, id: string, inputs: readonly string[]): Pick<GraphNode, "id" | "uid" | "name" | "location" | "inputs"> {
    return { id, uid: id, name: `${site.operation} · ${this.#shortLocation(site.nameNode)}`, location: this.#location(site.nameNode), inputs };
  }

  #translate(fnNode: Node | undefined, site: OperationSite, paramTypes: readonly IrType[], contextName: string, what: string): FunctionIr | undefined {
    if (!fnNode) fail("FUNCTION_SHAPE", site.call, `'${site.operation}' takes ${what}.`);
    const result = new FunctionTranslator(this.#registry, avroName(contextName)).translate(fnNode, paramTypes);
    this.#diagnostics.push(...result.errors, ...result.warnings);
    return result.fn;
  }

  #isRecord(type: IrType): type is string {
    return isNamed(type) && this.#registry.definition(type)?.type === "record";
  }

  #mapLike(site: OperationSite, operation: "filter" | "map" | "flatMap", input: StreamRef): StreamRef {
    const fnNode = site.call.getArguments()[0];
    const fn = this.#translate(fnNode, site, [input.outputType], `${site.id}_Out`, "a function");
    // A failed filter still passes records of its input's type, so what follows is checked as
    // usual; a failed map's output type is unknown, and what reads it would be checked against a
    // made-up one ("'.score' is not a function"), so the stream is abandoned.
    if (!fn && operation !== "filter") throw new DiagnosticError([]);
    let outputType = input.outputType;
    if (fn && operation === "map") {
      if (!this.#isRecord(fn.returnType)) fail("FUNCTION_SHAPE", fnNode!, "A map function must return a record: `(o) => ({ field: … })`.");
      outputType = fn.returnType;
    }
    if (fn && operation === "flatMap") {
      const items = isArray(fn.returnType) ? fn.returnType.items : undefined;
      if (items === undefined || !this.#isRecord(items)) {
        fail("FUNCTION_SHAPE", fnNode!, "A flatMap function must return an array of records: `(o) => o.lines.map((l) => ({ … }))`.");
      }
      outputType = items;
    }
    if (fn) this.#add({ kind: operation === "flatMap" ? "flat-map" : operation, ...this.#common(site, site.id, [input.id]), fn, outputType }, site.nameNode);
    return { id: site.id, outputType, eventTime: input.eventTime };
  }

  /** A key function: one parameter, a required value of a type both sides can compare with `===`. */
  #keyFunction(call: CallExpression, input: StreamRef, id: string): FunctionIr {
    const fnNode = call.getArguments()[0];
    if (!fnNode) fail("FUNCTION_SHAPE", call, "'keyBy' takes a function: `keyBy((o) => o.customerId)`.");
    const result = new FunctionTranslator(this.#registry, avroName(`${id}_key`)).translate(fnNode, [input.outputType]);
    this.#diagnostics.push(...result.errors, ...result.warnings);
    if (!result.fn) throw new DiagnosticError([]);
    const type = result.fn.returnType;
    const enumType = isNamed(type) && this.#registry.definition(type)?.type === "enum";
    if (!(type === "string" || type === "double" || type === "int" || type === "long" || type === "boolean" || isTimestamp(type) || enumType)) {
      fail("KEY_TYPE", fnNode, "key", describeType(type), "a required string, number, Int, Long, boolean, Timestamp or string-literal union: `keyBy((o) => o.customerId)`");
    }
    return result.fn;
  }

  #union(site: OperationSite, input: StreamRef): StreamRef {
    const others = site.call.getArguments();
    if (others.length === 0) fail("FUNCTION_SHAPE", site.call, "'union' takes one or more streams: `a.union(b)`.");
    const refs = others.map((other, i) => this.#streamRef(other as Expression, { base: `${site.id}.input${i + 2}`, bound: false }));
    for (const [i, ref] of refs.entries()) {
      if (ref.outputType !== input.outputType) {
        fail("FUNCTION_SHAPE", others[i]!, `'union' merges streams of one record type; this one has ${ref.outputType}, not ${input.outputType}.`);
      }
    }
    this.#add({ kind: "union", ...this.#common(site, site.id, [input.id, ...refs.map((r) => r.id)]), outputType: input.outputType }, site.nameNode);
    return { id: site.id, outputType: input.outputType, eventTime: [input, ...refs].every((r) => r.eventTime) };
  }

  #reduce(site: OperationSite, input: KeyedRef): StreamRef {
    const stream = input.stream;
    const fnNode = site.call.getArguments()[0];
    const fn = this.#translate(fnNode, site, [stream.outputType, stream.outputType], `${site.id}_Out`, "a function of (accumulated, record)");
    if (fn && fn.returnType !== stream.outputType) {
      fail("FUNCTION_SHAPE", fnNode!, `A reduce function returns a record of its input's type ${stream.outputType}, not ${describeType(fn.returnType)}.`);
    }
    if (fn) this.#add({ kind: "reduce", ...this.#common(site, site.id, [stream.id]), key: input.key, fn, outputType: stream.outputType }, site.nameNode);
    return { id: site.id, outputType: stream.outputType, eventTime: stream.eventTime };
  }

  #window(call: CallExpression, input: KeyedRef): WindowedRef {
    const [assignerNode, optionsNode] = call.getArguments();
    if (!assignerNode) fail("FUNCTION_SHAPE", call, "'window' takes a window: `tumbling(\"1m\")`, `sliding(\"1m\", \"10s\")` or `session(\"5m\")`.");
    const options = optionsNode ? this.#object(optionsNode, "The window options") : undefined;
    const time = (options && this.#choice(options, "time", ["event", "processing"] as const)) ?? "event";
    const window = windowSpec(assignerNode, time, this.#readers);
    if (time === "event" && !input.stream.eventTime) fail("NO_EVENT_TIME", call, "A window on event time", ", or choose `time: \"processing\"` in the window's options");
    const lateEntry = options?.entries.get("late");
    let late: LateOutput | null = null;
    const name = options && this.#name(options);
    if (lateEntry && lateEntry.value !== undefined) {
      const sink = lateEntry.value;
      if (!isConnectorCall(sink) || sink.connector !== "kafka" || sink.method !== "sink") fail("UNKNOWN_CONNECTOR", lateEntry.node, "`late`", "sink");
      // Named after the window's node, which the options alone cannot name yet: see #aggregate.
      late = { sink: this.#kafkaSinkSpec(sink, "", "late", sink.node), format: this.#choice(sink.options, "format", ["avro", "json"] as const) ?? "json" };
    }
    return { ...input, window, allowedLatenessMs: this.#duration(options, "allowedLateness") ?? 0, late, name };
  }

  /** `tumbling("1m")`, `sliding("1m", "10s")` or `session("5m")`, written inline or as a `const`. */
  #aggregate(site: OperationSite, input: WindowedRef): StreamRef {
    const id = input.name ?? site.id;
    const stream = input.stream;
    const specNode = site.call.getArguments()[0];
    if (!specNode || !Node.isObjectLiteralExpression(specNode)) {
      fail("FUNCTION_SHAPE", specNode ?? site.call, "'aggregate' takes an object literal of aggregators: `{ orders: agg.count(), revenue: agg.sum((o) => o.amount) }`.");
    }
    const aggregates: Aggregate[] = [];
    for (const property of specNode.getProperties()) {
      const aggregate = this.#guard(() => aggregateField(
        property,
        { keyType: input.key.returnType, recordType: input.stream.outputType },
        id,
        (fnNode, paramTypes, contextName) => this.#translate(fnNode, site, paramTypes, contextName, "a function of the record"),
        this.#readers,
      ));
      if (aggregate) aggregates.push(aggregate);
    }
    const outputType = this.#registry.declared(streamElement(site.call), `${avroName(id)}_Out`, specNode, "the window's result");
    const record = isNamed(outputType) ? this.#registry.definition(outputType) : undefined;
    if (!this.#isRecord(outputType) || record?.type !== "record") fail("FUNCTION_SHAPE", specNode, "'aggregate' makes a record: give it at least one field.");
    for (const aggregate of aggregates) {
      const field = record.fields.find((f) => f.name === aggregate.name);
      if (!field || !sameType(field.type, aggregate.type)) {
        const at = specNode.getProperty(aggregate.name) ?? specNode;
        fail("FUNCTION_SHAPE", at, `The aggregate '${aggregate.name}' has type ${describeType(aggregate.type)}, but the checker gives its field ${field ? describeType(field.type) : "no type"}; write its function's result type explicitly.`);
      }
    }
    const late = input.late && { ...input.late, sink: { ...input.late.sink, uid: `${id}.late`, transactionalIdPrefix: `tsflink-${this.#jobName}-${id}.late` } };
    this.#add(
      {
        kind: "window-aggregate",
        ...this.#common(site, id, [stream.id]),
        key: input.key,
        window: input.window,
        allowedLatenessMs: input.allowedLatenessMs,
        late,
        aggregates,
        outputType,
      },
      site.nameNode,
    );
    return { id, outputType, eventTime: input.window.time === "event" };
  }

  #process(site: OperationSite, input: KeyedRef): StreamRef {
    const stream = input.stream;
    const specArgument = site.call.getArguments()[0];
    const specNode = specArgument && (Node.isIdentifier(specArgument) ? constInitializer(specArgument) : specArgument);
    if (!specNode || !Node.isObjectLiteralExpression(specNode)) {
      fail("FUNCTION_SHAPE", specArgument ?? site.call, "'process' takes an object literal: `{ state: { … }, onElement(record, s, out, ctx) { … } }`.");
    }
    const member = (name: string): Node | undefined => {
      const property = specNode.getProperty(name);
      if (!property) return undefined;
      if (Node.isPropertyAssignment(property)) return property.getInitializerOrThrow();
      if (Node.isMethodDeclaration(property)) return property;
      fail("FUNCTION_SHAPE", property, `Write '${name}' as \`${name}: …\` or as a method.`);
    };
    const nameNode = member("name");
    const explicitName = nameNode ? this.#evaluator.evaluate(nameNode, "The process name") : undefined;
    if (explicitName !== undefined && typeof explicitName !== "string") fail("INVALID_OPTION", nameNode!, "`name` must be a string.");
    if (explicitName !== undefined) checkOperatorName(explicitName, nameNode!);
    const id = explicitName ?? site.id;
    const states = stateDeclarations(member("state"), id, this.#readers);
    const element = streamElement(site.call);
    const declaredOutput = element.isUnknown() || element.isAny() ? undefined : this.#registry.declared(element, `${avroName(id)}_Out`, site.call, "the records this process emits");
    const declaredStates = member("state");
    const failedStates = new Set(
      (declaredStates && Node.isObjectLiteralExpression(declaredStates) ? declaredStates.getProperties() : [])
        .map((p) => (Node.isPropertyAssignment(p) ? p.getName() : ""))
        .filter((name) => name !== "" && !states.some((s) => s.name === name)),
    );
    const context = {
      state: new Map(states.map((s) => [s.name, { kind: s.kind, type: s.type }] as const)),
      failedStates,
      keyType: input.key.returnType,
      declaredOutput,
    };
    const onElementNode = member("onElement");
    if (!onElementNode) fail("FUNCTION_SHAPE", specNode, "'process' needs an `onElement(record, s, out, ctx) { … }` handler.");
    const translate = (handler: Node, firstParam: IrType) => {
      const result = new FunctionTranslator(this.#registry, avroName(`${id}_Out`)).translateProcedure(handler, firstParam, context);
      this.#diagnostics.push(...result.errors, ...result.warnings);
      return result;
    };
    const onElement = translate(onElementNode, stream.outputType);
    const onTimerNode = member("onTimer");
    const onTimer = onTimerNode ? translate(onTimerNode, TIMESTAMP) : undefined;
    const timerSites = [...onElement.timers, ...(onTimer?.timers ?? []), ...(onTimerNode ? [onTimerNode] : [])];
    if (!stream.eventTime && timerSites.length > 0) {
      this.#diagnostics.push(diagnostic("NO_EVENT_TIME", timerSites[0]!, "A timer", ""));
    }
    const emitted = [...onElement.emitted, ...(onTimer?.emitted ?? [])];
    const outputType = declaredOutput ?? emitted[0]?.value.type;
    if (outputType === undefined) fail("EMIT_TYPE", onElementNode, "This process emits no records (`out.emit(…)`).");
    if (!this.#isRecord(outputType)) fail("EMIT_TYPE", emitted[0]?.at ?? onElementNode, `A process emits records, not ${describeType(outputType)}.`);
    for (const e of emitted) {
      if (e.value.type !== outputType) {
        this.#diagnostics.push(diagnostic("EMIT_TYPE", e.at, `This record has type ${describeType(e.value.type)}, but the process emits ${outputType}.`));
      }
    }
    // The output type is known even when a handler failed (declared, or what it emits), so the
    // stream goes on; only its node is missing.
    if (!onElement.procedure || (onTimerNode && !onTimer?.procedure)) return { id, outputType, eventTime: stream.eventTime };
    this.#add(
      {
        kind: "process",
        ...this.#common(site, id, [stream.id]),
        key: input.key,
        state: states,
        onElement: onElement.procedure,
        onTimer: onTimer?.procedure ?? null,
        outputType,
      },
      site.nameNode,
    );
    return { id, outputType, eventTime: stream.eventTime };
  }

  #join(site: OperationSite, operation: "intervalJoin" | "windowJoin", left: KeyedRef): StreamRef {
    const [otherNode, boundsNode, fnNode] = site.call.getArguments();
    let id = site.id;
    let bounds: { lowerMs: number; upperMs: number } | undefined;
    if (operation === "intervalJoin" && boundsNode) {
      const options = this.#object(boundsNode, "The interval join options");
      id = this.#name(options) ?? id;
      bounds = between(options);
    }
    if (!otherNode) fail("FUNCTION_SHAPE", site.call, `'${operation}' takes the other keyed stream first: \`a.keyBy(f).${operation}(b.keyBy(g), …)\`.`);
    const other = this.#stream(otherNode as Expression, { base: `${id}.right`, bound: false });
    if (other.kind === "abandoned") throw new DiagnosticError([]);
    if (other.kind !== "keyed") fail("FUNCTION_SHAPE", otherNode, `'${operation}' joins two keyed streams: \`b.keyBy((r) => r.key)\`.`);
    const right = other.ref;
    if (!sameType(left.key.returnType, right.key.returnType)) {
      fail("KEY_TYPE", otherNode, "join's right key", describeType(right.key.returnType), `the left key's type, ${describeType(left.key.returnType)}, on both sides`);
    }
    const window = operation === "windowJoin" && boundsNode ? windowSpec(boundsNode, "event", this.#readers) : undefined;
    if (!left.stream.eventTime || !right.stream.eventTime) {
      fail("NO_EVENT_TIME", site.nameNode, operation === "intervalJoin" ? "An interval join" : "A window join", " on both inputs");
    }
    const fn = this.#translate(fnNode, site, [left.stream.outputType, right.stream.outputType], `${id}_Out`, "a function of (left, right)");
    if (!fn) throw new DiagnosticError([]);
    if (!this.#isRecord(fn.returnType)) fail("FUNCTION_SHAPE", fnNode!, "A join function must return a record: `(l, r) => ({ … })`.");
    const common = this.#common(site, id, [left.stream.id, right.stream.id]);
    if (operation === "intervalJoin") {
      if (!bounds) fail("FUNCTION_SHAPE", site.call, "'intervalJoin' takes `{ between: [\"-5m\", \"0s\"] }` second.");
      this.#add({ kind: "interval-join", ...common, leftKey: left.key, rightKey: right.key, ...bounds, fn, outputType: fn.returnType as string }, site.nameNode);
    } else {
      if (!window) fail("FUNCTION_SHAPE", site.call, "'windowJoin' takes a window second: `tumbling(\"1m\")`.");
      this.#add({ kind: "window-join", ...common, leftKey: left.key, rightKey: right.key, window, fn, outputType: fn.returnType as string }, site.nameNode);
    }
    return { id, outputType: fn.returnType as string, eventTime: true };
  }

  /** The stream a chain starts from (`paid` in `paid.keyBy(…).process(…)`), or `stream` when it starts at `p.source(…)`. */
  #chainRoot(expression: Expression): string {
    let root: Node = expression;
    while (Node.isCallExpression(root) || Node.isPropertyAccessExpression(root) || Node.isParenthesizedExpression(root)) {
      root = root.getExpression();
    }
    const isBuilder = root.getSymbol()?.getDeclarations()[0] === this.#builderParam;
    return Node.isIdentifier(root) && !isBuilder ? root.getText() : "stream";
  }

  /**
   * A warning for each stream no node reads: Flink still runs its operator (keyed state included)
   * and drops what it emits, which is rarely what the author meant, so it is said, not refused.
   */
  #unwrittenStreams(): Diagnostic[] {
    const read = new Set(this.#nodes.flatMap((n) => n.inputs));
    return this.#nodes
      .filter((n) => !SINK_KINDS.has(n.kind) && !read.has(n.id))
      .map((n) => diagnostic("UNWRITTEN_STREAM", this.#sites.find((site) => site.id === n.id)!.at, n.id));
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

  /** A `name` option: the operator's id, checked where it is written. */
  #name(owner: StaticObject): string | undefined {
    const name = this.#string(owner, "name", owner.node);
    return name === undefined ? undefined : checkOperatorName(name, owner.entries.get("name")!.node);
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
    return owner && staticOptions.duration(owner, key);
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

/**
 * The named types the nodes use, directly or through other types, in the registry's dependency
 * order. The registry also names types the checker gave a value before the compiler settled on the
 * type its place declares (`(o): LineEvent[] => o.lines.map((l) => ({ … }))`); those are left out.
 */
function usedTypes(definitions: readonly NamedTypeDef[], nodes: readonly GraphNode[]): NamedTypeDef[] {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      const definition = byName.get(value);
      if (definition && !used.has(value)) {
        used.add(value);
        if (definition.type === "record") for (const field of definition.fields) visit(field.type);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === "object") {
      for (const item of Object.values(value)) visit(item);
    }
  };
  visit(nodes);
  return definitions.filter((d) => used.has(d.name));
}

/** The expression under parentheses, `as` and `satisfies`, which change no value. */
function withoutTypeAssertions(expression: Node): Node {
  let inner = expression;
  while (Node.isParenthesizedExpression(inner) || Node.isAsExpression(inner) || Node.isSatisfiesExpression(inner)) inner = inner.getExpression();
  return inner;
}

function truncateText(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
