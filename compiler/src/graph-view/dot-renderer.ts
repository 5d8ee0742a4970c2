import { visitNode, type GraphNodeVisitor, type JobGraph } from "../ir/graph-nodes.js";
import { databaseSinkLine, dataEdges, deadLetterOf, graphTitle, parallelismLine } from "./graph-view-model.js";

/**
 * The job graph in Graphviz DOT (`dot -Tsvg`). Same shapes as the Mermaid view: sources
 * rounded, operators plain boxes, sinks parallelograms, the dead-letter edge dashed.
 */
export function renderDot(graph: JobGraph): string {
  const lines = [
    `digraph ${quote(graph.job.name)} {`,
    `  label=${quote(graphTitle(graph))};`,
    "  labelloc=t;",
    "  rankdir=LR;",
    '  node [fontname="Helvetica", fontsize=11];',
  ];
  const declare: GraphNodeVisitor<string[]> = {
    "kafka-source": (n) => {
      const main = `  ${quote(n.id)} [shape=box, style=rounded, label=${quote([n.name, `topic ${n.topic} · ${n.format}`, ...parallelismLine(n)])}];`;
      const dead = deadLetterOf(n);
      return dead ? [main, `  ${quote(dead.id)} [shape=parallelogram, label=${quote(dead.label)}];`] : [main];
    },
    filter: (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    map: (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    "flat-map": (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    union: (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    reduce: (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    "window-aggregate": (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    "interval-join": (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    "window-join": (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    process: (n) => [`  ${quote(n.id)} [shape=box, label=${quote([n.name, ...parallelismLine(n)])}];`],
    "kafka-sink": (n) => [
      `  ${quote(n.id)} [shape=parallelogram, label=${quote([n.name, `topic ${n.sink.topic} · ${n.format} · ${n.sink.guarantee}`, ...parallelismLine(n)])}];`,
    ],
    "postgres-sink": (n) => [`  ${quote(n.id)} [shape=parallelogram, label=${quote([n.name, databaseSinkLine(n), ...parallelismLine(n)])}];`],
    "mongo-sink": (n) => [`  ${quote(n.id)} [shape=parallelogram, label=${quote([n.name, databaseSinkLine(n), ...parallelismLine(n)])}];`],
    "redis-sink": (n) => [`  ${quote(n.id)} [shape=parallelogram, label=${quote([n.name, databaseSinkLine(n), ...parallelismLine(n)])}];`],
  };
  for (const node of graph.nodes) lines.push(...visitNode(node, declare));
  for (const edge of dataEdges(graph)) lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)};`);
  for (const node of graph.nodes) {
    const dead = node.kind === "kafka-source" ? deadLetterOf(node) : undefined;
    if (dead) lines.push(`  ${quote(node.id)} -> ${quote(dead.id)} [style=dashed, label="undecodable"];`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** A DOT string; several lines become `\n`-separated label lines. */
function quote(text: string | readonly string[]): string {
  const lines = typeof text === "string" ? [text] : text;
  return `"${lines.map((l) => l.replace(/\\/g, "\\\\").replace(/"/g, '\\"')).join("\\n")}"`;
}
