import { spawnSync } from "node:child_process";
import { ensureDebianPackage, findOnPath } from "../../../flink-deploy/local/src/debian-packages.js";
import { resolveStackConfig } from "../../../flink-deploy/local/src/stack-config.js";
import type { JobGraph } from "../ir/graph-nodes.js";
import { renderDot } from "./dot-renderer.js";

/**
 * The DOT picture laid out by Graphviz's `dot`, the layout engine DOT was made for. Debian's
 * `graphviz` package is installed on first use the way the local stack installs PostgreSQL
 * (root and apt-get; otherwise the error says what to install).
 */
export async function renderSvg(graph: JobGraph, progress: (line: string) => void = () => {}): Promise<string> {
  const config = resolveStackConfig({ onProgress: progress });
  const dot = await ensureDebianPackage({ service: "graph", name: "graphviz", find: async () => findOnPath("dot", process.env) }, config);
  const result = spawnSync(dot, ["-Tsvg"], { input: renderDot(graph), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`dot -Tsvg failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}
