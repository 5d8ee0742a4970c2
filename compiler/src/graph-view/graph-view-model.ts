import type { GraphNode, JobGraph, KafkaSourceNode, MongoSinkNode, PostgresSinkNode, RedisSinkNode } from "../ir/graph-nodes.js";

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
