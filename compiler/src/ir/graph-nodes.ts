import type { ExprNode, FunctionIr } from "./expression-nodes.js";
import type { IrType, NamedTypeDef } from "./ir-types.js";
import type { Procedure } from "./statement-nodes.js";

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
/** A window of a keyed stream; `time` says whose clock assigns records to windows. */
export type WindowSpec =
  | { readonly kind: "tumbling"; readonly sizeMs: number; readonly time: WindowTime }
  | { readonly kind: "sliding"; readonly sizeMs: number; readonly slideMs: number; readonly time: WindowTime }
  | { readonly kind: "session"; readonly gapMs: number; readonly time: WindowTime };
export type WindowTime = "event" | "processing";
export interface FlatMapNode extends NodeBase {
  readonly kind: "flat-map";
  /** Returns an array of `outputType`. */
  readonly fn: FunctionIr;
  readonly outputType: string;
}
export interface UnionNode extends NodeBase {
  readonly kind: "union";
  readonly outputType: string;
}
export interface ReduceNode extends NodeBase {
  readonly kind: "reduce";
  readonly key: FunctionIr;
  readonly fn: FunctionIr;
  readonly outputType: string;
}
export type AggregateOp =
  | "count" | "sum" | "avg" | "min" | "max" | "first" | "last" | "countDistinct" | "key" | "windowStart" | "windowEnd";
export interface Aggregate {
  readonly name: string;
  readonly op: AggregateOp;
  /** The value aggregated, or null for ops that take none (count, key, windowStart, windowEnd). */
  readonly fn: FunctionIr | null;
  readonly type: IrType;
}
export interface LateOutput {
  readonly sink: KafkaSinkSpec;
  readonly format: KafkaFormat;
}
export interface WindowAggregateNode extends NodeBase {
  readonly kind: "window-aggregate";
  readonly key: FunctionIr;
  readonly window: WindowSpec;
  readonly allowedLatenessMs: number;
  readonly late: LateOutput | null;
  readonly aggregates: readonly Aggregate[];
  readonly outputType: string;
}
export interface IntervalJoinNode extends NodeBase {
  readonly kind: "interval-join";
  readonly leftKey: FunctionIr;
  readonly rightKey: FunctionIr;
  /** Bounds of `right.ts - left.ts`, both inclusive; may be negative. */
  readonly lowerMs: number;
  readonly upperMs: number;
  readonly fn: FunctionIr;
  readonly outputType: string;
}
export interface WindowJoinNode extends NodeBase {
  readonly kind: "window-join";
  readonly leftKey: FunctionIr;
  readonly rightKey: FunctionIr;
  readonly window: WindowSpec;
  readonly fn: FunctionIr;
  readonly outputType: string;
}
export type StateDecl =
  | { readonly name: string; readonly kind: "value"; readonly type: IrType; readonly initial: ExprNode }
  | { readonly name: string; readonly kind: "map"; readonly keyType: IrType; readonly type: IrType };
export interface ProcessNode extends NodeBase {
  readonly kind: "process";
  readonly key: FunctionIr;
  readonly state: readonly StateDecl[];
  readonly onElement: Procedure;
  readonly onTimer: Procedure | null;
  readonly outputType: string;
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
export type GraphNode =
  | KafkaSourceNode | FilterNode | MapNode | FlatMapNode | UnionNode | ReduceNode | WindowAggregateNode
  | IntervalJoinNode | WindowJoinNode | ProcessNode | KafkaSinkNode | PostgresSinkNode | MongoSinkNode | RedisSinkNode;
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
  /** Where the records an operator cannot process go; null: they are counted and logged only. */
  readonly deadLetter: KafkaSinkSpec | null;
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
