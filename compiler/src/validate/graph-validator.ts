import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { NodeSite } from "../extract/pipeline-extractor.js";
import { lineAndColumn } from "../diagnostics/diagnostic-formatter.js";
import { visitNode, type GraphNode, type JobGraph } from "../ir/graph-nodes.js";
import { NODE_ID, shownName } from "../extract/names.js";

/**
 * Checks that need the whole graph, reporting every problem at once: operator names must be
 * unique (they are the uids that savepoints map state by), and so must Kafka transactional-id
 * prefixes, or two sinks would fence each other's transactions; the pipeline's `deadLetter` counts
 * as one of them.
 */
export function validateGraph(graph: JobGraph, sites: readonly NodeSite[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstSite = new Map<string, NodeSite>();
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  for (const site of sites) {
    // A `name` option was checked where it is written; an id from a `const` (`$paid`) is checked here.
    if (!NODE_ID.test(site.id)) {
      diagnostics.push(diagnostic("INVALID_NAME", site.at, shownName(site.id), "operator name", "Node ids take letters, digits and `_ . : @ / -`: rename the `const` it comes from."));
      continue;
    }
    const first = firstSite.get(site.id);
    if (first === undefined) {
      firstSite.set(site.id, site);
      continue;
    }
    const { line, column } = lineAndColumn(first.at.getSourceFile().getFullText(), first.at.getStart());
    diagnostics.push(diagnostic("DUPLICATE_NAME", site.at, site.id, `line ${line}, column ${column}`, renameAdvice(kinds.get(site.id))));
  }
  // By prefix: the id of the node that owns it (null for the pipeline's deadLetter) and how to name it.
  const prefixes = new Map<string, { readonly owner: string | null; readonly described: string }>();
  const jobDeadLetter = graph.job.deadLetter;
  const reported = new Set<string>();
  if (jobDeadLetter) {
    const described = "the pipeline's `deadLetter`";
    prefixes.set(jobDeadLetter.transactionalIdPrefix, { owner: null, described });
    // It has no node of its own: a node with its uid would share its state in a savepoint.
    for (const node of graph.nodes) {
      const site = node.uid === jobDeadLetter.uid ? sites.find((s) => s.id === node.id) : undefined;
      if (!site) continue;
      diagnostics.push(diagnostic("DUPLICATE_NAME", site.at, node.uid, described, renameAdvice(node.kind)));
      reported.add(node.id);
    }
  }
  for (const node of graph.nodes) {
    const owned = visitNode<string[]>(node, {
      "kafka-source": (n) => (n.deadLetter ? [n.deadLetter.transactionalIdPrefix] : []),
      filter: () => [],
      map: () => [],
      "flat-map": () => [],
      union: () => [],
      reduce: () => [],
      "window-aggregate": (n) => (n.late ? [n.late.sink.transactionalIdPrefix] : []),
      "interval-join": () => [],
      "window-join": () => [],
      process: () => [],
      "kafka-sink": (n) => [n.sink.transactionalIdPrefix],
      "postgres-sink": (n) => (n.deadLetter ? [n.deadLetter.transactionalIdPrefix] : []),
      "mongo-sink": (n) => (n.deadLetter ? [n.deadLetter.transactionalIdPrefix] : []),
      "redis-sink": (n) => (n.deadLetter ? [n.deadLetter.transactionalIdPrefix] : []),
    });
    for (const prefix of owned) {
      const other = prefixes.get(prefix);
      const site = sites.find((s) => s.id === node.id);
      // Its uid made the prefix: once is enough.
      if (other !== undefined && other.owner !== node.id && site && !reported.has(node.id)) {
        diagnostics.push(diagnostic("DUPLICATE_NAME", site.at, prefix, other.described, "Give one of the sinks a distinct `name` option: their transactional ids would fence each other."));
      }
      prefixes.set(prefix, { owner: node.id, described: `node '${node.id}'` });
    }
  }
  return diagnostics;
}

/**
 * How to rename an operator of this kind: only sources, sinks, interval joins, windows and
 * `process` take a `name` option; sinks are never bound to a `const`, every other stream can be.
 */
function renameAdvice(kind: GraphNode["kind"] | undefined): string {
  switch (kind) {
    case "kafka-sink":
    case "postgres-sink":
    case "mongo-sink":
    case "redis-sink":
      return "Give one of the sinks a distinct `name` option: `{ …, name: \"orders-archive\" }`.";
    case "kafka-source":
    case "interval-join":
    case "process":
      return "Give one of them a distinct `name` option or bind it to another `const`.";
    case "window-aggregate":
      return "Give one of them a distinct `name` in the window's options (`.window(tumbling(\"1m\"), { name: \"…\" })`) or bind it to another `const`.";
    default:
      return `Bind one of them to a \`const\` of another name: \`${kind ?? "this operation"}\` takes no \`name\` option.`;
  }
}
