import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compilePipeline, type CompileResult } from "../src/compile.js";
import { checkInHarness } from "../src/harness/harness-check.js";

const root = path.resolve(import.meta.dirname, "../..");
const casesDir = path.join(root, "compiler/test/cases");

/** Every golden case that compiles, and every example pipeline. */
function acceptedPrograms(): string[] {
  const cases = fs.readdirSync(casesDir).sort()
    .filter((name) => fs.existsSync(path.join(casesDir, name, "expected.json")))
    .map((name) => path.join(casesDir, name, "pipeline.ts"));
  const examples = fs.readdirSync(path.join(root, "pipelines")).sort()
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(root, "pipelines", f))
    .filter((f) => /^export default pipeline\(/m.test(fs.readFileSync(f, "utf8")));
  return [...cases, ...examples];
}

describe("tsflink check runs the harness", () => {
  it("loads, builds and compiles with Janino every program the compiler accepts: every golden case and example", () => {
    const files = acceptedPrograms();
    const compiled = files.map((f) => compilePipeline(f, { projectRoot: root }));
    expect(compiled.filter((r) => !r.graph).map((r) => r.report)).toEqual([]);
    const checked = checkInHarness(compiled, root);
    const refused = checked.flatMap((r, i) => (r.graph ? [] : [`${path.relative(root, files[i]!)}:\n${r.report}`]));
    expect(refused).toEqual([]);
    expect(files.length).toBeGreaterThan(25);
  });

  it("turns a refusal of the harness into TSF9001 at the TypeScript location of the node", () => {
    const file = path.join(casesDir, "orders-basic/pipeline.ts");
    const good = compilePipeline(file, { projectRoot: root });
    const graph = JSON.parse(good.json!);
    const paid = graph.nodes.find((n: { kind: string }) => n.kind === "filter");
    // A graph the compiler could only emit by a bug: a method the harness does not know.
    paid.fn.body = { kind: "call", type: "string", method: "string.padLeft", target: { kind: "literal", type: "string", value: "x" }, args: [] };
    const tampered: CompileResult = { ...good, json: JSON.stringify(graph) };
    const [checked] = checkInHarness([tampered], root);
    expect(checked!.graph).toBeUndefined();
    expect(checked!.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      `TSF9001 The harness would refuse this job although the compiler accepted it: node '${paid.id}': fn.body.method: ` +
        `unknown method 'string.padLeft'. This is a bug in tsflink, not in the pipeline; please report it with this file.`,
    ]);
    const { line, column } = paid.location as { line: number; column: number };
    expect(checked!.report.split("\n")[0]).toBe(
      `compiler/test/cases/orders-basic/pipeline.ts:${line}:${column} - error TSF9001: The harness would refuse this job although the compiler accepted it: ` +
        `node '${paid.id}': fn.body.method: unknown method 'string.padLeft'. This is a bug in tsflink, not in the pipeline; please report it with this file.`,
    );
  });
});
