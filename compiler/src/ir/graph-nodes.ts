import type { FunctionIr } from "./expression-nodes.js";
import type { NamedTypeDef } from "./ir-types.js";

export const SCHEMA_VERSION = "tsflink.jobgraph/v1";

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}
export interface EnvRef {
  readonly env: string;
}
export interface KafkaConnection {
  readonly bootstrapServers: EnvRef;
}
export type Guarantee = "exactly-once" | "at-least-once";
export type KafkaFormat = "avro" | "json";

export interface KafkaSinkSpec {
  readonly uid: string;
  readonly name: string;
  readonly topic: string;
  readonly guarantee: Guarantee;
  readonly transactionalIdPrefix: string;
  readonly transactionTimeoutMs: number;
  readonly connection: KafkaConnection;
}

interface NodeBase {
  readonly id: string;
  readonly uid: string;
  readonly name: string;
  readonly location: SourceLocation;
  readonly inputs: readonly string[];
  readonly parallelism?: number;
}
export interface KafkaSourceNode extends NodeBase {
  readonly kind: "kafka-source";
  readonly topic: string;
  readonly format: KafkaFormat;
  readonly startFrom: "earliest" | "latest" | "committed";
  readonly groupId: string;
  readonly outputType: string;
  readonly eventTime: null | {
    readonly field: string;
    readonly maxOutOfOrdernessMs: number;
    readonly idlenessMs: number | null;
  };
  readonly deadLetter: KafkaSinkSpec | null;
  readonly connection: KafkaConnection;
}
export interface FilterNode extends NodeBase {
  readonly kind: "filter";
  readonly fn: FunctionIr;
  readonly outputType: string;
}
export interface MapNode extends NodeBase {
  readonly kind: "map";
  readonly fn: FunctionIr;
  readonly outputType: string;
}
export interface KafkaSinkNode extends NodeBase {
  readonly kind: "kafka-sink";
  readonly inputType: string;
  readonly format: KafkaFormat;
  readonly sink: KafkaSinkSpec;
}
/** Fields every database sink has (compiler/schema/README.md, "postgres-sink, mongo-sink, redis-sink"). */
interface DatabaseSinkBase extends NodeBase {
  readonly inputType: string;
  readonly guarantee: Guarantee;
  /** Records per database round trip. */
  readonly batchSize: number;
  /** The connection URL's environment variable; credentials live only in its value. */
  readonly connection: EnvRef;
  /** Where records the database rejects for what they are go, as JSON with the reason. */
  readonly deadLetter: KafkaSinkSpec | null;
}
export interface PostgresSinkNode extends DatabaseSinkBase {
  readonly kind: "postgres-sink";
  /** `name` or `schema.name`, each part a lowercase SQL identifier. */
  readonly table: string;
  readonly mode: "upsert" | "append";
  /** The upsert key's fields; empty in append mode. */
  readonly key: readonly string[];
}
export interface MongoSinkNode extends DatabaseSinkBase {
  readonly kind: "mongo-sink";
  readonly collection: string;
  /** The pipeline's `id` function: each document's `_id`. */
  readonly documentId: FunctionIr;
  readonly write: "replace" | "merge";
}
export type RedisValue =
  | { readonly kind: "string"; readonly fn: FunctionIr }
  | { readonly kind: "hash"; readonly fn: FunctionIr }
  | { readonly kind: "sorted-set"; readonly member: FunctionIr; readonly score: FunctionIr };
export interface RedisSinkNode extends DatabaseSinkBase {
  readonly kind: "redis-sink";
  readonly key: FunctionIr;
  readonly value: RedisValue;
  readonly ttlMs: number | null;
}
export type GraphNode = KafkaSourceNode | FilterNode | MapNode | KafkaSinkNode | PostgresSinkNode | MongoSinkNode | RedisSinkNode;
export type GraphNodeKind = GraphNode["kind"];
export type GraphNodeVisitor<R> = { readonly [K in GraphNodeKind]: (node: Extract<GraphNode, { kind: K }>) => R };

export function visitNode<R>(node: GraphNode, visitor: GraphNodeVisitor<R>): R {
  return (visitor[node.kind] as (n: GraphNode) => R)(node);
}

export interface JobConfig {
  readonly name: string;
  readonly parallelism: number;
  readonly checkpoint: {
    readonly intervalMs: number;
    readonly mode: Guarantee;
    readonly timeoutMs: number;
    readonly minPauseMs: number;
  };
  readonly restart: { readonly strategy: "fixed-delay"; readonly attempts: number; readonly delayMs: number };
}

export interface JobGraph {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly compiler: { readonly name: "tsflink"; readonly version: string };
  readonly job: JobConfig;
  readonly types: readonly NamedTypeDef[];
  readonly nodes: readonly GraphNode[];
}

/** Deep-freezes a finished graph so no later phase can change what an earlier one decided. */
export function freezeDeep<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) freezeDeep(v);
    Object.freeze(value);
  }
  return value;
}
