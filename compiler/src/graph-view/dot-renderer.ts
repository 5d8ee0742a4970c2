import type { JobGraph } from "../ir/graph-nodes.js";
import { dataEdges, deadLetterOf, graphTitle, nodeView, type NodeView } from "./graph-view-model.js";

const SHAPES: Record<NodeView["role"], string> = {
  source: "shape=box, style=rounded",
  operator: "shape=box",
  keyed: "shape=box, peripheries=2",
  sink: "shape=parallelogram",
};

/**
 * The job graph in Graphviz DOT (`dot -Tsvg`, or `tsflink graph --format svg`). Same shapes as
 * the Mermaid view: sources rounded, operators plain boxes, keyed (stateful) operators with a
 * double border, sinks parallelograms, the dead-letter edge dashed.
 */
export function renderDot(graph: JobGraph): string {
  const lines = [
    `digraph ${quote(graph.job.name)} {`,
    `  label=${quote(graphTitle(graph))};`,
    "  labelloc=t;",
    "  rankdir=LR;",
    '  node [fontname="Helvetica", fontsize=11];',
  ];
  for (const node of graph.nodes) {
    const view = nodeView(node);
    lines.push(`  ${quote(node.id)} [${SHAPES[view.role]}, label=${quote(view.label)}];`);
    const dead = node.kind === "kafka-source" ? deadLetterOf(node) : undefined;
    if (dead) lines.push(`  ${quote(dead.id)} [${SHAPES.sink}, label=${quote(dead.label)}];`);
  }
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
