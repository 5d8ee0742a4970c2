import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "compiler/bin/tsflink.mjs");
const casesDir = path.join(root, "compiler/test/cases");

function tsflink(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A loopback port nothing listens on: an unreachable cluster, without touching the network. */
const CLOSED = { FLINK_REST_URL: "http://127.0.0.1:9", KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:9" };
const JOB = "5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a";

describe("tsflink check", () => {
  const cases = fs.readdirSync(casesDir).sort();
  const reported = cases.filter((c) => fs.existsSync(path.join(casesDir, c, "expected.errors.txt")));
  const errorLines = (c: string) => [...fs.readFileSync(path.join(casesDir, c, "expected.errors.txt"), "utf8").matchAll(/^\S+:\d+:\d+ - error /gm)].length;
  // A case with only warnings passes the check; its warnings are printed all the same.
  const refused = reported.filter((c) => errorLines(c) > 0);

  it("prints every golden case's diagnostics tsc-style and exits 1, writing nothing", () => {
    const before = fs.readdirSync(root).sort();
    const r = tsflink(["check", ...cases.map((c) => `compiler/test/cases/${c}/pipeline.ts`), "--json"]);
    expect(r.status).toBe(1);
    const errors = refused.reduce((n, c) => n + errorLines(c), 0);
    const reason = `${refused.length} of ${cases.length} pipelines: ${errors} errors`;
    const printed = JSON.parse(r.stdout) as { error: string; diagnostics: { file: string; line: number; column: number; code: string; category: string; message: string }[] };
    expect(printed.error).toBe(reason);
    const report = reported.map((c) => fs.readFileSync(path.join(casesDir, c, "expected.errors.txt"), "utf8")).join("");
    expect(r.stderr).toBe(report + `tsflink: ${reason}\n`);
    // --json gives the same diagnostics as data, in the same order as the report prints them.
    const headers = [...report.matchAll(/^(\S+):(\d+):(\d+) - (error|warning) (\S+): /gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]} ${m[5]}`);
    expect(printed.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.category} ${d.code}`)).toEqual(headers);
    for (const d of printed.diagnostics) expect(report).toContain(`${d.category} ${d.code}: ${d.message}`);
    expect(fs.readdirSync(root).sort()).toEqual(before);
  });

  it("refuses a directory or a missing file as a usage error that shows how to pass files", () => {
    for (const [argument, problem] of [
      ["pipelines", "pipelines is a directory; pass the pipeline files in it"],
      ["pipelines/no-such.ts", "pipelines/no-such.ts does not exist; pass a pipeline's .ts file"],
    ] as const) {
      const r = tsflink(["check", argument, "--json"]);
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ error: `${problem}: tsflink check pipelines/*.ts` });
      expect(r.stderr).toBe(`tsflink: ${problem}: tsflink check pipelines/*.ts\n`);
    }
    const r = tsflink(["compile", "pipelines"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("tsflink: pipelines is a directory; pass the pipeline files in it: tsflink compile pipelines/orders.ts\n");
  });

  it("passes pipelines that compile and says what it checked", () => {
    const r = tsflink(["check", "pipelines/orders.ts", "compiler/test/cases/expressions/pipeline.ts", "--json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      pipelines: [
        { file: "pipelines/orders.ts", job: "orders", nodes: 10, warnings: 0 },
        { file: "compiler/test/cases/expressions/pipeline.ts", job: "expressions", nodes: 7, warnings: 0 },
      ],
    });
  });

  it("names the one failing pipeline", () => {
    const r = tsflink(["check", "compiler/test/cases/error-ts-type-error/pipeline.ts"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").at(-2)).toMatch(/^tsflink: pipeline\.ts: \d+ errors?$/);
  });
});

describe("tsflink graph", () => {
  it("prints the Mermaid picture of pipelines/orders.ts by default", () => {
    const r = tsflink(["graph", "pipelines/orders.ts"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(root, "compiler/test/graph-view/orders.mmd"), "utf8"));
  });

  it("writes DOT to a file with -o and prints one JSON object", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-graph-"));
    try {
      const file = path.join(out, "expressions.dot");
      const r = tsflink(["graph", "compiler/test/cases/expressions/pipeline.ts", "--format", "dot", "-o", file, "--json"]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ file, format: "dot", job: "expressions" });
      expect(fs.readFileSync(file, "utf8")).toBe(fs.readFileSync(path.join(root, "compiler/test/graph-view/expressions.dot"), "utf8"));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("usage errors exit 2 with one JSON object under --json", () => {
  const cases: [string[], string][] = [
    [["graph", "pipelines/orders.ts", "--format", "png", "--json"], "option '--format <format>' argument 'png' is invalid. Allowed choices are mermaid, dot, svg."],
    [["upgrade", JOB, "--json"], "missing required argument 'pipeline'"],
    [["upgrade", "nope", "pipelines/orders.ts", "--json"], "'nope' is not a Flink job id (32 hexadecimal digits)"],
    [["diff", "pipelines/orders.ts", "--json"], "missing required argument 'new'"],
    [["submit", "pipelines/orders.ts", "-p", "0", "--json"], "option '-p, --parallelism <n>' argument '0' is invalid. expected a positive integer"],
    [["check", "--json"], "missing required argument 'pipelines'"],
    [["stop", JOB, "--json"], "required option '--savepoint' not specified"],
    [["savepoint", "--json"], "missing required argument 'jobId'"],
    [["status", "not-a-job", "--json"], "'not-a-job' is not a Flink job id (32 hexadecimal digits)"],
    [["savepoint", "12345", "--json"], "'12345' is not a Flink job id (32 hexadecimal digits)"],
    [["submit", "pipelines/orders.ts", "--allow-non-restored-state", "--json"], "--allow-non-restored-state needs --from-savepoint"],
  ];
  for (const [args, error] of cases) {
    it(args.join(" "), () => {
      const r = tsflink(args, CLOSED);
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ error });
      expect(r.stderr).toContain(error);
    });
  }
});

describe("cluster errors", () => {
  it("names the URL and that it came from FLINK_REST_URL", () => {
    for (const command of [["status", JOB], ["savepoint", JOB], ["stop", JOB, "--savepoint"]]) {
      const r = tsflink([...command, "--json"], CLOSED);
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).error).toMatch(/^cannot reach the Flink cluster at http:\/\/127\.0\.0\.1:9: .* \(the address comes from the FLINK_REST_URL variable\)$/);
    }
  });

  it("refuses a savepoint path that does not exist, naming it, before compiling", () => {
    for (const missing of ["build/no-such-savepoint", "file:/tmp/tsflink-no-such-savepoint"]) {
      const r = tsflink(["submit", "pipelines/orders.ts", "--from-savepoint", missing, "--json"], CLOSED);
      expect(r.status).toBe(1);
      const local = missing.startsWith("file:") ? "/tmp/tsflink-no-such-savepoint" : path.join(root, missing);
      expect(JSON.parse(r.stdout)).toEqual({ error: `no savepoint at ${missing}: ${local} does not exist` });
    }
  });

  it("shows an example in every command's help", () => {
    for (const command of ["check", "graph", "status", "savepoint", "stop", "submit", "list", "cancel", "compile", "config", "diff", "upgrade", "migrate", "up", "down"]) {
      const r = tsflink([command, "--help"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\n  tsflink ${command}\\b`));
    }
  });
});
