import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { NodeSite } from "../extract/pipeline-extractor.js";
import { lineAndColumn } from "../diagnostics/diagnostic-formatter.js";
import { visitNode, type JobGraph } from "../ir/graph-nodes.js";

/**
 * Checks that need the whole graph, reporting every problem at once: operator names must be
 * unique (they are the uids that savepoints map state by), and so must Kafka transactional-id
 * prefixes, or two sinks would fence each other's transactions.
 */
export function validateGraph(graph: JobGraph, sites: readonly NodeSite[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstSite = new Map<string, NodeSite>();
  for (const site of sites) {
    const first = firstSite.get(site.id);
    if (first === undefined) {
      firstSite.set(site.id, site);
      continue;
    }
    const { line, column } = lineAndColumn(first.at.getSourceFile().getFullText(), first.at.getStart());
    diagnostics.push(diagnostic("DUPLICATE_NAME", site.at, site.id, `line ${line}, column ${column}`));
  }
  const prefixes = new Map<string, string>();
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
      if (other !== undefined && other !== node.id && site) {
        diagnostics.push(diagnostic("DUPLICATE_NAME", site.at, prefix, `node '${other}'`));
      }
      prefixes.set(prefix, node.id);
    }
  }
  return diagnostics;
}
