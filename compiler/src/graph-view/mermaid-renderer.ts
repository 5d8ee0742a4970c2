import { visitNode, type GraphNodeVisitor, type JobGraph } from "../ir/graph-nodes.js";
import { databaseSinkLine, dataEdges, deadLetterOf, graphTitle, parallelismLine } from "./graph-view-model.js";

/**
 * The job graph as a Mermaid flowchart (renders on GitHub and in most Markdown viewers).
 * Sources are stadiums, operators rectangles, sinks parallelograms; the dead-letter path is a
 * dotted edge to its own sink.
 */
export function renderMermaid(graph: JobGraph): string {
  const lines = [`%% ${graphTitle(graph)}`, "flowchart LR"];
  const declare: GraphNodeVisitor<string[]> = {
    "kafka-source": (n) => {
      const main = `  ${mermaidId(n.id)}(["${label([n.name, `topic ${n.topic} · ${n.format}`, ...parallelismLine(n)])}"])`;
      const dead = deadLetterOf(n);
      return dead ? [main, `  ${mermaidId(dead.id)}[/"${label(dead.label)}"/]`] : [main];
    },
    filter: (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    map: (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    "flat-map": (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    union: (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    reduce: (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    "window-aggregate": (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    "interval-join": (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    "window-join": (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    process: (n) => [`  ${mermaidId(n.id)}["${label([n.name, ...parallelismLine(n)])}"]`],
    "kafka-sink": (n) => [`  ${mermaidId(n.id)}[/"${label([n.name, `topic ${n.sink.topic} · ${n.format} · ${n.sink.guarantee}`, ...parallelismLine(n)])}"/]`],
    "postgres-sink": (n) => [`  ${mermaidId(n.id)}[/"${label([n.name, databaseSinkLine(n), ...parallelismLine(n)])}"/]`],
    "mongo-sink": (n) => [`  ${mermaidId(n.id)}[/"${label([n.name, databaseSinkLine(n), ...parallelismLine(n)])}"/]`],
    "redis-sink": (n) => [`  ${mermaidId(n.id)}[/"${label([n.name, databaseSinkLine(n), ...parallelismLine(n)])}"/]`],
  };
  for (const node of graph.nodes) lines.push(...visitNode(node, declare));
  for (const edge of dataEdges(graph)) lines.push(`  ${mermaidId(edge.from)} --> ${mermaidId(edge.to)}`);
  for (const node of graph.nodes) {
    const dead = node.kind === "kafka-source" ? deadLetterOf(node) : undefined;
    if (dead) lines.push(`  ${mermaidId(node.id)} -. undecodable .-> ${mermaidId(dead.id)}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * Node ids are graph ids with every character Mermaid could misread (`.`, `-`) written as
 * `_` plus its hex code: readable, and two different ids can never map to the same one.
 */
function mermaidId(id: string): string {
  return "n_" + id.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}

function label(lines: readonly string[]): string {
  return lines.map((l) => l.replace(/"/g, "#quot;")).join("<br/>");
}
