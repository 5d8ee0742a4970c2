import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "compiler/bin/tsflink.mjs");
const diffDir = path.join(root, "compiler/test/diff");
const base = "compiler/test/diff/base.jobgraph.json";

function tsflink(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What `diff` must print per case; `UPDATE_GOLDEN=1` rewrites the files. */
function golden(file: string, actual: string): void {
  if (process.env["UPDATE_GOLDEN"] === "1") fs.writeFileSync(file, actual);
  expect(actual).toBe(fs.readFileSync(file, "utf8"));
}

/**
 * Golden cases, one directory per kind of change: `new.jobgraph.json` is `base.jobgraph.json`
 * (a job with a source, a filter, a window aggregate, a reduce, a process with state, an
 * exactly-once Kafka and PostgreSQL sink) edited by hand; `pipeline-*` cases are two pipelines.
 */
const cases = fs
  .readdirSync(diffDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("tsflink diff golden cases", () => {
  it("has a case for each class of change", () => {
    expect(cases.filter((c) => c.startsWith("breaking-")).length).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => c.startsWith("stateless-"))).toBe(true);
    expect(cases.some((c) => c.startsWith("compatible-"))).toBe(true);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(diffDir, name);
      const pair = fs.existsSync(path.join(dir, "old.ts"))
        ? [path.relative(root, path.join(dir, "old.ts")), path.relative(root, path.join(dir, "new.ts"))]
        : [base, path.relative(root, path.join(dir, "new.jobgraph.json"))];
      const human = tsflink(["diff", ...pair]);
      expect(human.stderr).toBe("");
      golden(path.join(dir, "expected.txt"), human.stdout);
      const json = tsflink(["diff", ...pair, "--json"]);
      const diff = JSON.parse(json.stdout) as { breaking: boolean; changes: { class: string; code: string; location: { file: string; line: number } | null }[] };
      // The case's name says its worst change; the exit code follows it.
      const worst = name.startsWith("breaking-") ? "breaking" : name.startsWith("compatible-") ? "compatible-state" : "stateless";
      expect(diff.breaking).toBe(worst === "breaking");
      expect(diff.changes[0]!.class).toBe(worst);
      expect(human.status).toBe(worst === "breaking" ? 3 : 0);
      expect(json.status).toBe(human.status);
      // Every change of a node points at its TypeScript.
      for (const c of diff.changes) if (!c.code.startsWith("job-") && c.code !== "checkpoint-changed") expect(c.location?.file).toMatch(/\.ts$/);
    });
  }

  it("finds nothing between a graph and itself, and between a pipeline and its compiled graph", () => {
    expect(tsflink(["diff", base, base])).toEqual({ status: 0, stdout: "no changes between the two versions of revenue\n", stderr: "" });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-diff-"));
    try {
      expect(tsflink(["compile", "pipelines/orders.ts", "-o", out]).status).toBe(0);
      const r = tsflink(["diff", path.join(out, "orders.jobgraph.json"), "pipelines/orders.ts", "--json"]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ job: { old: "orders", new: "orders" }, changes: [], breaking: false });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("tsflink diff refuses graphs it cannot judge", () => {
  const edited = (edit: (g: Record<string, unknown>) => void): string => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-diff-")), "graph.json");
    const graph = JSON.parse(fs.readFileSync(path.join(root, base), "utf8")) as Record<string, unknown>;
    edit(graph);
    fs.writeFileSync(file, JSON.stringify(graph));
    return file;
  };

  it("a graph from a newer compiler", () => {
    const file = edited((g) => (g["compiler"] = { name: "tsflink", version: "9.0.0" }));
    const r = tsflink(["diff", base, file, "--json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: `${file} was written by tsflink 9.0.0, newer than this one (0.1.0): upgrade tsflink to compare it` });
  });

  it("another schema version", () => {
    const file = edited((g) => (g["schemaVersion"] = "tsflink.jobgraph/v2"));
    const r = tsflink(["diff", file, base, "--json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: `${file} is a job graph of version "tsflink.jobgraph/v2"; this tsflink (0.1.0) reads tsflink.jobgraph/v1` });
  });

  it("a document the schema refuses, and a pipeline that does not compile", () => {
    const file = edited((g) => delete g["nodes"]);
    const r = tsflink(["diff", file, base, "--json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: `${file} is not a valid tsflink.jobgraph/v1 job graph: / must have required property 'nodes'` });
    const broken = tsflink(["diff", "compiler/test/cases/error-2004-non-deterministic/pipeline.ts", base]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("error TSF2004");
    expect(broken.stderr.trim().split("\n").at(-1)).toBe("tsflink: pipeline.ts did not compile (2 errors)");
  });
});
