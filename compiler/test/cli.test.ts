import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "compiler/bin/tsflink.mjs");

function tsflink(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A loopback port nothing listens on: an unreachable cluster, without touching the network. */
const CLOSED = "http://127.0.0.1:9";

describe("tsflink CLI", () => {
  it("compile --json writes the job graph and schemas and prints one JSON object", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-cli-"));
    try {
      const r = tsflink(["compile", "compiler/test/cases/orders-basic/pipeline.ts", "-o", out, "--json"]);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe("");
      const printed = JSON.parse(r.stdout);
      expect(printed.jobGraph).toBe(path.join(out, "orders-basic.jobgraph.json"));
      expect(printed.schemas).toEqual([path.join(out, "orders-basic.schemas/Order.avsc"), path.join(out, "orders-basic.schemas/paid_Out.avsc")]);
      expect(printed.nodes).toBe(4);
      expect(fs.readFileSync(printed.jobGraph, "utf8")).toBe(fs.readFileSync(path.join(root, "compiler/test/cases/orders-basic/expected.json"), "utf8"));
      const orderSchema = JSON.parse(fs.readFileSync(printed.schemas[0], "utf8"));
      expect(orderSchema.fields.find((f: { name: string }) => f.name === "shipping").type).toEqual({
        type: "record",
        name: "Order_shipping",
        fields: [{ name: "city", type: "string" }, { name: "country", type: "string" }],
      });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("compile of a refused pipeline exits 1 with the diagnostics on stderr and a one-line error", () => {
    const r = tsflink(["compile", "compiler/test/cases/error-2004-non-deterministic/pipeline.ts", "--json"]);
    expect(r.status).toBe(1);
    const message = "is not allowed in a pipeline function: the result would differ between runs and replays. Compute from the record's fields only.";
    const file = "compiler/test/cases/error-2004-non-deterministic/pipeline.ts";
    expect(JSON.parse(r.stdout)).toEqual({
      error: "pipeline.ts did not compile (2 errors)",
      diagnostics: [
        { file, line: 13, column: 27, code: "TSF2004", category: "error", message: `'Date.now()' ${message}` },
        { file, line: 13, column: 49, code: "TSF2004", category: "error", message: `'Math.random()' ${message}` },
      ],
    });
    expect(r.stderr).toBe(
      fs.readFileSync(path.join(root, "compiler/test/cases/error-2004-non-deterministic/expected.errors.txt"), "utf8") +
        "tsflink: pipeline.ts did not compile (2 errors)\n",
    );
  });

  it("names the URL when the cluster cannot be reached", () => {
    for (const command of [["list"], ["submit", "pipelines/orders.ts"]]) {
      const r = tsflink([...command, "--json"], { FLINK_REST_URL: CLOSED, KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:9" });
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).error).toMatch(/^cannot reach the Flink cluster at http:\/\/127\.0\.0\.1:9: /);
    }
  });

  it("refuses a malformed job id with exit code 2 before calling the cluster", () => {
    const r = tsflink(["cancel", "not-a-job", "--json"], { FLINK_REST_URL: CLOSED, KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:9" });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: "'not-a-job' is not a Flink job id (32 hexadecimal digits)" });
  });

  it("shows an example in each command's help", () => {
    const r = tsflink(["compile", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("tsflink compile pipelines/orders.ts -o build/");
  });

  it("rejects an unknown command with a non-zero exit", () => {
    const r = tsflink(["deploy"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'deploy'");
  });

  it("masks credentials in service URLs it prints", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-cli-home-"));
    try {
      const env = { TSFLINK_HOME: home, PG_URL: "postgres://tsflink:s3cret-Pa55@127.0.0.1:9/tsflink" };
      for (const args of [["status", "--json"], ["status"]]) {
        const r = tsflink(args, env);
        expect(r.stdout + r.stderr).not.toContain("s3cret-Pa55");
        expect(r.stdout).toContain("postgres://tsflink:***@127.0.0.1:9/tsflink");
      }
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
