import { Node, type Expression } from "ts-morph";
import { DiagnosticError, diagnostic, fail, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { FunctionIr } from "../ir/expression-nodes.js";
import type {
  EnvRef, Guarantee, KafkaSinkSpec, MongoSinkNode, PostgresSinkNode, RedisSinkNode, RedisValue, SourceLocation,
} from "../ir/graph-nodes.js";
import { describeType, isNamed, isNullable, isNumeric, isTimestamp, type IrType } from "../ir/ir-types.js";
import { FunctionTranslator } from "../translate/function-translator.js";
import { avroName, type TypeRegistry } from "../translate/type-registry.js";
import { isConnectorCall, type ConnectorCall, type StaticObject, type StaticValue } from "./static-evaluator.js";
import { checkOperatorName } from "./names.js";
import { staticOptions } from "./static-options.js";

export type DatabaseSinkNode = PostgresSinkNode | MongoSinkNode | RedisSinkNode;

const DATABASE_CONNECTORS = ["postgres", "mongo", "redis"] as const;
type DatabaseConnector = (typeof DATABASE_CONNECTORS)[number];
const CONNECTION: Readonly<Record<DatabaseConnector, EnvRef>> = Object.freeze({
  postgres: Object.freeze({ env: "PG_URL" }),
  mongo: Object.freeze({ env: "MONGODB_URI" }),
  redis: Object.freeze({ env: "REDIS_URL" }),
});
const DEFAULT_BATCH_SIZE = 500;
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** PostgreSQL truncates longer identifiers silently, so two columns could become one. */
const MAX_COLUMN_NAME = 63;
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,119}$/;

/** What the pipeline extractor lends a database sink's extraction. */
export interface SinkExtraction {
  readonly registry: TypeRegistry;
  /** Builds the sink's input stream; operations not bound to a `const` are named after `sinkId`. */
  input(sinkId: string): { readonly id: string; readonly outputType: string };
  location(node: Node): SourceLocation;
  shortLocation(node: Node): string;
  /** A `deadLetter: kafka.sink({...})` option as the spec of a Kafka sink with uid `uid`. */
  deadLetter(sink: ConnectorCall, uid: string): KafkaSinkSpec;
}

export function isDatabaseConnector(connector: string): connector is DatabaseConnector {
  return (DATABASE_CONNECTORS as readonly string[]).includes(connector);
}

/**
 * The node of `stream.to(postgres.sink(…) | mongo.sink(…) | redis.sink(…))`. Every problem of the
 * sink is collected and thrown together; the sink's functions go through the same translator as
 * the stream's, with the input record as their parameter.
 */
export function databaseSinkNode(sink: ConnectorCall, stream: Expression, at: Node, context: SinkExtraction): DatabaseSinkNode {
  const connector = sink.connector;
  if (!isDatabaseConnector(connector)) fail("UNKNOWN_CONNECTOR", sink.node, "The argument of `.to(...)`", "sink");
  return new DatabaseSinkExtractor(sink, connector, at, context).extract(stream);
}

class DatabaseSinkExtractor {
  readonly #errors: Diagnostic[] = [];
  readonly #options: StaticObject;

  constructor(
    private readonly sink: ConnectorCall,
    private readonly connector: DatabaseConnector,
    private readonly at: Node,
    private readonly context: SinkExtraction,
  ) {
    this.#options = sink.options;
  }

  extract(stream: Expression): DatabaseSinkNode {
    const target = this.#target();
    const explicitName = staticOptions.string(this.#options, "name");
    if (explicitName !== undefined) checkOperatorName(explicitName, this.#options.entries.get("name")!.node);
    const id = explicitName ?? `${this.connector}-sink.${target ?? rootName(stream)}`;
    const input = this.context.input(id);
    const parallelism = this.#collect(() => staticOptions.parallelism(this.#options));
    const common = {
      id,
      uid: id,
      name: `sink ${this.connector} ${target ?? explicitName ?? rootName(stream)} · ${this.context.shortLocation(this.at)}`,
      location: this.context.location(this.at),
      inputs: [input.id],
      ...(parallelism === undefined ? {} : { parallelism }),
      inputType: input.outputType,
      guarantee: this.#collect(() => staticOptions.choice<Guarantee>(this.#options, "guarantee", ["exactly-once", "at-least-once"])) ?? "exactly-once",
      batchSize: this.#collect(() => staticOptions.positiveInt(this.#options, "batchSize")) ?? DEFAULT_BATCH_SIZE,
      connection: CONNECTION[this.connector],
      deadLetter: this.#collect(() => this.#deadLetter(id)) ?? null,
    };
    const node = this.#collect((): DatabaseSinkNode | undefined => {
      switch (this.connector) {
        case "postgres":
          return this.#postgres(common, target ?? "");
        case "mongo":
          return this.#mongo(common, target ?? "");
        case "redis":
          return this.#redis(common);
      }
    });
    if (this.#errors.length > 0 || !node) throw new DiagnosticError(this.#errors);
    return node;
  }

  /** The table or collection, checked; a Redis sink has none. */
  #target(): string | undefined {
    const key = this.connector === "postgres" ? "table" : this.connector === "mongo" ? "collection" : undefined;
    if (!key) return undefined;
    const entry = this.sink.options.entries.get(key);
    const name = staticOptions.string(this.#options, key);
    if (name === undefined) fail("INVALID_OPTION", this.sink.node, `A ${this.connector === "postgres" ? "PostgreSQL" : "MongoDB"} sink needs \`${key}\`.`);
    const at = entry?.node ?? this.sink.node;
    if (key === "table" && (name.split(".").length > 2 || !name.split(".").every((part) => SQL_IDENTIFIER.test(part)))) {
      fail("SINK_IDENTIFIER", at, name, "table",
        "Use lowercase letters, digits and `_`, starting with a letter or `_`, at most 63 characters, optionally after a schema: \"analytics.customer_revenue\".");
    }
    if (key === "collection" && (!COLLECTION_NAME.test(name) || name.startsWith("system."))) {
      fail("SINK_IDENTIFIER", at, name, "collection",
        "Use letters, digits, `_`, `.` and `-`, starting with a letter or `_`, at most 120 characters, not starting with \"system.\": \"paid_orders\".");
    }
    return name;
  }

  #postgres(common: CommonFields, table: string): PostgresSinkNode {
    const keyEntries = this.#collect(() => staticOptions.strings(this.#options, "key")) ?? [];
    const mode = this.#collect(() => staticOptions.choice(this.#options, "mode", ["upsert", "append"] as const)) ?? (keyEntries.length > 0 ? "upsert" : "append");
    const modeNode = this.#options.entries.get("mode")?.node ?? this.sink.node;
    if (mode === "upsert" && keyEntries.length === 0) {
      this.#errors.push(diagnostic("INVALID_OPTION", modeNode, "An upsert sink needs `key`: the fields of the table's primary key, e.g. `key: [\"orderId\"]`."));
    }
    if (mode === "append" && keyEntries.length > 0) {
      this.#errors.push(diagnostic("INVALID_OPTION", modeNode, "An append sink has no key: remove `key`, or write `mode: \"upsert\"`."));
    }
    const fields = this.#recordFields(common.inputType);
    const keyable = fields.filter((f) => isKeyType(f.type, this.context.registry)).map((f) => f.name);
    const seen = new Set<string>();
    for (const { value, node } of keyEntries) {
      const field = fields.find((f) => f.name === value);
      const problem = seen.has(value)
        ? "is given twice"
        : !field
          ? `is not a field of ${common.inputType}`
          : isNullable(field.type)
            ? "is optional; a primary key needs a value in every record"
            : !isKeyType(field.type, this.context.registry)
              ? `has type ${describeType(field.type)}, which cannot be a primary key`
              : undefined;
      if (problem) this.#errors.push(diagnostic("SINK_KEY_FIELD", node, value, problem, keyable.join(", ") || "(none)"));
      seen.add(value);
    }
    for (const field of fields) {
      if (field.name.length > MAX_COLUMN_NAME) {
        this.#errors.push(diagnostic("SINK_IDENTIFIER", this.at, field.name, "column",
          `PostgreSQL column names have at most ${MAX_COLUMN_NAME} characters; rename the field of ${common.inputType} in a \`map\` before the sink.`));
      }
    }
    return { kind: "postgres-sink", ...common, table, mode, key: keyEntries.map((k) => k.value) };
  }

  #mongo(common: CommonFields, collection: string): MongoSinkNode | undefined {
    const write = this.#collect(() => staticOptions.choice(this.#options, "write", ["replace", "merge"] as const)) ?? "replace";
    const documentId = this.#function("id", common, (t) => this.#isText(t) || isNumeric(t), "The `id` function must return a string or a number.");
    if (!documentId) return undefined;
    return { kind: "mongo-sink", ...common, collection, documentId, write };
  }

  #redis(common: CommonFields): RedisSinkNode | undefined {
    const ttlMs = this.#collect(() => staticOptions.duration(this.#options, "ttl")) ?? null;
    if (ttlMs === 0) this.#errors.push(diagnostic("INVALID_OPTION", this.#options.entries.get("ttl")!.node, "`ttl` must be at least \"1ms\"; leave it out for keys that never expire."));
    const key = this.#function("key", common, (t) => this.#isText(t), "The `key` function must return a string: `(r) => `customer:${r.id}``.");
    const value = this.#redisValue(common);
    if (!key || !value) return undefined;
    return { kind: "redis-sink", ...common, key, value, ttlMs };
  }

  #redisValue(common: CommonFields): RedisValue | undefined {
    const given = (["value", "hash", "sortedSet"] as const).filter((k) => staticOptions.entry(this.#options, k) !== undefined);
    if (given.length !== 1) {
      const second = given[1];
      const at = second ? this.#options.entries.get(second)!.node : this.sink.node;
      const why = second ? `${given.map((g) => `\`${g}\``).join(" and ")} are ${given.length === 2 ? "both" : "all"} given` : "none is given";
      this.#errors.push(diagnostic("REDIS_VALUE_KIND", at, why));
      return undefined;
    }
    const kind = given[0]!;
    if (kind === "value") {
      const fn = this.#function("value", common, (t) => this.#isText(t) || this.#isRecord(t), "The `value` function must return a string or a record (written as JSON).");
      return fn && { kind: "string", fn };
    }
    if (kind === "hash") {
      const fn = this.#function("hash", common, (t) => this.#isRecord(t), "The `hash` function must return a record: `(r) => ({ field: r.value })`.");
      return fn && { kind: "hash", fn };
    }
    const sortedSet = this.#collect(() => staticOptions.object(this.#options, "sortedSet", "`sortedSet`"));
    if (!sortedSet) return undefined;
    const member = this.#function("member", common, (t) => this.#isText(t), "The `member` function must return a string.", sortedSet);
    const score = this.#function("score", common, isNumeric, "The `score` function must return a number.", sortedSet);
    return member && score && { kind: "sorted-set", member, score };
  }

  /** Translates the one-parameter function option `key` of `owner`, checking its result type. */
  #function(key: string, common: CommonFields, accepts: (type: IrType) => boolean, expected: string, owner = this.#options): FunctionIr | undefined {
    const entry = owner.entries.get(key);
    if (!entry || entry.value === undefined) {
      this.#errors.push(diagnostic("INVALID_OPTION", owner.node, `This sink needs \`${key}\`: a function of the record, \`${key}: (r) => …\`.`));
      return undefined;
    }
    if (!isFunction(entry.value)) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", entry.node, `\`${key}\` must be a function of the record: \`${key}: (r) => …\`.`));
      return undefined;
    }
    const result = new FunctionTranslator(this.context.registry, avroName(`${common.id}_${key}`)).translate(entry.value.node, [common.inputType]);
    this.#errors.push(...result.errors);
    if (!result.fn) return undefined;
    if (!accepts(result.fn.returnType)) {
      this.#errors.push(diagnostic("FUNCTION_SHAPE", entry.node, `${expected} This one returns ${describeType(result.fn.returnType)}.`));
      return undefined;
    }
    return result.fn;
  }

  #deadLetter(id: string): KafkaSinkSpec | null {
    const entry = staticOptions.entry(this.#options, "deadLetter");
    if (!entry) return null;
    if (!isConnectorCall(entry.value) || entry.value.connector !== "kafka" || entry.value.method !== "sink") {
      fail("UNKNOWN_CONNECTOR", entry.node, "`deadLetter`", "sink");
    }
    return this.context.deadLetter(entry.value, `${id}.dead-letter`);
  }

  #recordFields(typeName: string): readonly { readonly name: string; readonly type: IrType }[] {
    const definition = this.context.registry.definition(typeName);
    return definition?.type === "record" ? definition.fields : [];
  }

  /** A string, or an enum: its value is the symbol, a string. */
  #isText(type: IrType): boolean {
    return type === "string" || (isNamed(type) && this.context.registry.definition(type)?.type === "enum");
  }

  #isRecord(type: IrType): boolean {
    return isNamed(type) && this.context.registry.definition(type)?.type === "record";
  }

  /** Runs one check; a refusal is recorded and the extraction goes on to find the others. */
  #collect<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      this.#errors.push(...e.diagnostics);
      return undefined;
    }
  }
}

type CommonFields = Omit<PostgresSinkNode, "kind" | "table" | "mode" | "key">;

/** A primary-key column type: exact and totally ordered, so equal keys are equal rows. */
function isKeyType(type: IrType, registry: TypeRegistry): boolean {
  if (type === "string" || type === "int" || type === "long" || type === "boolean" || isTimestamp(type)) return true;
  return isNamed(type) && registry.definition(type)?.type === "enum";
}

function isFunction(value: StaticValue): value is { kind: "function"; node: Node } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (value as { kind?: string }).kind === "function";
}

/** The stream a chain starts from (`orders` in `orders.filter(f)`), naming an unnamed Redis sink. */
function rootName(stream: Expression): string {
  let node: Node = stream;
  for (;;) {
    if (Node.isCallExpression(node)) node = node.getExpression();
    else if (Node.isPropertyAccessExpression(node)) node = node.getExpression();
    else if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node)) node = node.getExpression();
    else break;
  }
  return Node.isIdentifier(node) ? node.getText() : "stream";
}
