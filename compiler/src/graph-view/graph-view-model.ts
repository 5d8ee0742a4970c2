import type { ExprNode, FunctionIr } from "../ir/expression-nodes.js";
import { visitNode, type GraphNode, type GraphNodeVisitor, type JobGraph, type KafkaSourceNode, type MongoSinkNode, type PostgresSinkNode, type RedisSinkNode, type WindowSpec } from "../ir/graph-nodes.js";
import { describeType } from "../ir/ir-types.js";

/**
 * A dead-letter sink is part of its source node in the IR, not a node of its own; a picture of
 * the job shows it as a box of its own so the path undecodable records take is visible.
 */
export interface DeadLetterView {
  readonly id: string;
  readonly source: KafkaSourceNode;
  readonly label: readonly string[];
}

export function deadLetterOf(node: KafkaSourceNode): DeadLetterView | undefined {
  const spec = node.deadLetter;
  if (!spec) return undefined;
  return { id: spec.uid, source: node, label: [spec.name, `topic ${spec.topic} · ${spec.guarantee}`] };
}

/** Data edges in graph order (each node's inputs in declared order), so output is deterministic. */
export function dataEdges(graph: JobGraph): { readonly from: string; readonly to: string }[] {
  return graph.nodes.flatMap((node) => node.inputs.map((from) => ({ from, to: node.id })));
}

/** The first line every picture carries: what job this is and how it runs. */
export function graphTitle(graph: JobGraph): string {
  const c = graph.job.checkpoint;
  return `${graph.job.name} · parallelism ${graph.job.parallelism} · checkpoint every ${c.intervalMs} ms, ${c.mode}`;
}

export function parallelismLine(node: GraphNode): string[] {
  return node.parallelism === undefined ? [] : [`parallelism ${node.parallelism}`];
}

/** What a database sink writes, as one label line: `table t · upsert (id) · exactly-once`. */
export function databaseSinkLine(node: PostgresSinkNode | MongoSinkNode | RedisSinkNode): string {
  switch (node.kind) {
    case "postgres-sink":
      return `table ${node.table} · ${node.mode}${node.key.length > 0 ? ` (${node.key.join(", ")})` : ""} · ${node.guarantee}`;
    case "mongo-sink":
      return `collection ${node.collection} · ${node.write} · ${node.guarantee}`;
    case "redis-sink":
      return `redis ${node.value.kind}${node.ttlMs === null ? "" : ` · ttl ${node.ttlMs} ms`} · ${node.guarantee}`;
  }
}

/**
 * How a picture shows a node: its role (which decides the shape; `keyed` operators hold state per
 * key and are drawn with a double border) and its label lines: the Flink operator name with its
 * TS location, then what matters to someone reading the job (topic, key, window, state, table).
 */
export interface NodeView {
  readonly role: "source" | "operator" | "keyed" | "sink";
  readonly label: readonly string[];
}

export function nodeView(node: GraphNode): NodeView {
  const views: GraphNodeVisitor<NodeView> = {
    "kafka-source": (n) => ({ role: "source", label: [n.name, `topic ${n.topic} · ${n.format}`] }),
    filter: (n) => ({ role: "operator", label: [n.name] }),
    map: (n) => ({ role: "operator", label: [n.name] }),
    "flat-map": (n) => ({ role: "operator", label: [n.name] }),
    union: (n) => ({ role: "operator", label: [n.name] }),
    reduce: (n) => ({ role: "keyed", label: [n.name, `key ${describeKey(n.key)}`] }),
    "window-aggregate": (n) => ({
      role: "keyed",
      label: [
        n.name,
        `key ${describeKey(n.key)} · ${describeWindow(n.window)}${n.allowedLatenessMs > 0 ? ` · lateness ${describeDuration(n.allowedLatenessMs)}` : ""}`,
        n.aggregates.map((a) => `${a.name}: ${a.op}`).join(", "),
      ],
    }),
    "interval-join": (n) => ({
      role: "keyed",
      label: [n.name, `key ${describeKey(n.leftKey)} = ${describeKey(n.rightKey)} · right within [${signed(n.lowerMs)}, ${signed(n.upperMs)}] of left`],
    }),
    "window-join": (n) => ({ role: "keyed", label: [n.name, `key ${describeKey(n.leftKey)} = ${describeKey(n.rightKey)} · ${describeWindow(n.window)}`] }),
    process: (n) => ({
      role: "keyed",
      label: [n.name, [`key ${describeKey(n.key)}`, ...(n.state.length > 0 ? [`state ${n.state.map((s) => s.name).join(", ")}`] : []), ...(n.onTimer ? ["timers"] : [])].join(" · ")],
    }),
    "kafka-sink": (n) => ({ role: "sink", label: [n.name, `topic ${n.sink.topic} · ${n.format} · ${n.sink.guarantee}`] }),
    "postgres-sink": (n) => ({ role: "sink", label: [n.name, databaseSinkLine(n)] }),
    "mongo-sink": (n) => ({ role: "sink", label: [n.name, databaseSinkLine(n)] }),
    "redis-sink": (n) => ({ role: "sink", label: [n.name, databaseSinkLine(n)] }),
  };
  const view = visitNode(node, views);
  return { role: view.role, label: [...view.label, ...parallelismLine(node)] };
}

/** `customerId` or `shipping.city` for a key that reads a field; otherwise the key's type. */
export function describeKey(fn: FunctionIr): string {
  const param = fn.params[0]?.name;
  const path = (e: ExprNode): string | undefined => {
    if (e.kind === "ref") return e.name === param ? "" : undefined;
    if (e.kind !== "field") return undefined;
    const target = path(e.target);
    return target === undefined ? undefined : target === "" ? e.name : `${target}.${e.name}`;
  };
  const fieldPath = path(fn.body);
  return fieldPath ? fieldPath : `(computed ${describeType(fn.returnType)})`;
}

export function describeWindow(w: WindowSpec): string {
  const time = w.time === "event" ? "" : " (processing time)";
  switch (w.kind) {
    case "tumbling":
      return `tumbling ${describeDuration(w.sizeMs)}${time}`;
    case "sliding":
      return `sliding ${describeDuration(w.sizeMs)} every ${describeDuration(w.slideMs)}${time}`;
    case "session":
      return `session gap ${describeDuration(w.gapMs)}${time}`;
  }
}

/** Milliseconds as the pipeline wrote them: `1m`, `30s`, `1500ms`. */
export function describeDuration(ms: number): string {
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000]] as const) {
    if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function signed(ms: number): string {
  return ms < 0 ? `-${describeDuration(-ms)}` : describeDuration(ms);
}
