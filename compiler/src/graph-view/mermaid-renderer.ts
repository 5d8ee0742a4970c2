import type { JobGraph } from "../ir/graph-nodes.js";
import { dataEdges, deadLetterOf, graphTitle, nodeView, type NodeView } from "./graph-view-model.js";

/** Mermaid's node brackets per role: stadium, rectangle, subroutine (double border), parallelogram. */
const BRACKETS: Record<NodeView["role"], readonly [string, string]> = {
  source: ["([", "])"],
  operator: ["[", "]"],
  keyed: ["[[", "]]"],
  sink: ["[/", "/]"],
};

/**
 * The job graph as a Mermaid flowchart (renders on GitHub and in most Markdown viewers).
 * Sources are stadiums, operators rectangles, keyed (stateful) operators subroutine boxes, sinks
 * parallelograms; the dead-letter path is a dotted edge to its own sink.
 */
export function renderMermaid(graph: JobGraph): string {
  const lines = [`%% ${graphTitle(graph)}`, "flowchart LR"];
  const box = (id: string, role: NodeView["role"], text: readonly string[]) => `  ${mermaidId(id)}${BRACKETS[role][0]}"${label(text)}"${BRACKETS[role][1]}`;
  for (const node of graph.nodes) {
    const view = nodeView(node);
    lines.push(box(node.id, view.role, view.label));
    const dead = node.kind === "kafka-source" ? deadLetterOf(node) : undefined;
    if (dead) lines.push(box(dead.id, "sink", dead.label));
  }
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
