import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { refusedResult, type CompileResult } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DIAGNOSTICS, formatCode, renderTemplate } from "../diagnostics/diagnostic-catalogue.js";
import { ensureTestKitClasspath } from "../flink/harness-jar.js";
import type { JobGraph } from "../ir/graph-nodes.js";

export const CHECK_ENTRY_CLASS = "dev.tsflink.harness.CheckMain";

/** One refusal of `CheckMain` (runtime-java/harness/…/CheckMain.java). */
interface HarnessProblem {
  readonly node: string | null;
  readonly message: string;
}

/**
 * The last phase of `tsflink check`: every graph the compiler accepted goes through the harness
 * as a submission would — its loader, the Flink job built from it, every generated function
 * compiled by Janino — in one JVM for all of them. A refusal there is a compiler bug (the two
 * sides disagree on the contract); it becomes TSF9001 at the node's TypeScript location, so
 * `check` fails instead of the job failing at submit or on a TaskManager.
 */
export function checkInHarness(results: readonly CompileResult[], projectRoot: string, log: (line: string) => void = () => {}): CompileResult[] {
  const accepted = results.map((r, i) => ({ r, i })).filter(({ r }) => r.graph && r.json);
  if (accepted.length === 0) return [...results];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-check-"));
  try {
    const files = accepted.map(({ i, r }) => {
      const file = path.join(dir, `${i}.jobgraph.json`);
      fs.writeFileSync(file, r.json!);
      return file;
    });
    const problems = runCheckMain(files, log);
    const checked = [...results];
    accepted.forEach(({ r, i }, k) => {
      const found = problems[k] ?? [];
      if (found.length === 0) return;
      checked[i] = refusedResult([...r.diagnostics, ...found.map((p) => harnessDiagnostic(p, r.graph!, projectRoot))], projectRoot);
    });
    return checked;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runCheckMain(files: readonly string[], log: (line: string) => void): HarnessProblem[][] {
  const java = process.env["JAVA_HOME"] ? path.join(process.env["JAVA_HOME"], "bin", "java") : "java";
  const result = spawnSync(java, ["-Xmx512m", "-cp", ensureTestKitClasspath(log), CHECK_ENTRY_CLASS, ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`the harness check could not run (java exit ${result.status ?? result.signal}):\n${(result.stderr ?? "").slice(-4000)}`);
  }
  const out = JSON.parse(result.stdout) as { graphs: { file: string; problems: HarnessProblem[] }[] };
  return out.graphs.map((g) => g.problems);
}

function harnessDiagnostic(problem: HarnessProblem, graph: JobGraph, projectRoot: string): Diagnostic {
  const node = graph.nodes.find((n) => n.id === problem.node);
  const where = node ? `node '${node.id}': ` : "";
  const message = renderTemplate("HARNESS_REFUSAL", [`${where}${problem.message}`]);
  const code = formatCode(DIAGNOSTICS.HARNESS_REFUSAL.code);
  if (!node) return Object.freeze({ code, category: "error", file: undefined, start: 0, length: 0, message });
  const file = path.resolve(projectRoot, node.location.file);
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  return Object.freeze({ code, category: "error", file, start: offsetOf(text, node.location.line, node.location.column), length: 1, message });
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}
