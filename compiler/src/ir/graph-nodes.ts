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
export type GraphNode = KafkaSourceNode | FilterNode | MapNode | KafkaSinkNode;
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
