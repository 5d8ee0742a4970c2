import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compilePipeline } from "../src/compile.js";

const root = path.resolve(import.meta.dirname, "../..");
const demo = path.join(root, "pipelines/orders.ts");

function uids(json: string): Map<string, string> {
  const graph = JSON.parse(json) as { nodes: { id: string; uid: string; kind: string }[] };
  return new Map(graph.nodes.map((n) => [n.id, n.uid]));
}

describe("job graph output", () => {
  it("is byte-identical across compiles", () => {
    const first = compilePipeline(demo, { projectRoot: root }).json;
    const second = compilePipeline(demo, { projectRoot: root }).json;
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });

  it("keeps every other operator's uid when one part of the pipeline is edited", () => {
    const original = fs.readFileSync(demo, "utf8");
    const edited = original
      .replace('o.status === "PAID" && o.amount > 0', 'o.status === "PAID" && o.amount > 10')
      .replace(
        '  paid.to(kafka.sink({ topic: "orders.paid", format: "json" }));',
        '  paid.to(kafka.sink({ topic: "orders.paid", format: "json" }));\n  paid.filter((o) => o.big).to(kafka.sink({ topic: "orders.big" }));',
      );
    expect(edited).not.toBe(original);
    const dir = fs.mkdtempSync(path.join(root, "pipelines/.edited-"));
    try {
      const copy = path.join(dir, "orders.ts");
      fs.writeFileSync(copy, edited);
      const before = uids(compilePipeline(demo, { projectRoot: root }).json!);
      const after = uids(compilePipeline(copy, { projectRoot: root }).json!);
      for (const [id, uid] of before) expect(after.get(id)).toBe(uid);
      expect([...after.keys()].filter((id) => !before.has(id)).sort()).toEqual(["kafka-sink.orders.big", "kafka-sink.orders.big.filter"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the uids of keyed operators when another part of the pipeline is edited", () => {
    const file = path.join(root, "compiler/test/cases/process-timers/pipeline.ts");
    const original = fs.readFileSync(file, "utf8");
    const edited = original
      .replace("const MAX_PAYMENTS = 5;", "const MAX_PAYMENTS = 7;")
      .replace(
        '  alerts.to(kafka.sink({ topic: "alerts", format: "json" }));',
        '  alerts.to(kafka.sink({ topic: "alerts", format: "json" }));\n  const big = payments.filter((x) => x.amount > 1000).keyBy((x) => x.cardId).reduce((a, b) => (a.amount > b.amount ? a : b));\n  big.to(kafka.sink({ topic: "big" }));',
      );
    expect(edited).not.toBe(original);
    const dir = fs.mkdtempSync(path.join(root, "pipelines/.edited-"));
    try {
      const copy = path.join(dir, "pipeline.ts");
      fs.writeFileSync(copy, edited);
      const first = compilePipeline(file, { projectRoot: root }).json!;
      expect(compilePipeline(file, { projectRoot: root }).json).toBe(first);
      const before = uids(first);
      const after = uids(compilePipeline(copy, { projectRoot: root }).json!);
      for (const [id, uid] of before) expect(after.get(id)).toBe(uid);
      expect([...after.keys()].filter((id) => !before.has(id)).sort()).toEqual(["big", "big.filter", "kafka-sink.big"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("holds no absolute path and no secret", () => {
    const json = compilePipeline(demo, { projectRoot: root }).json!;
    expect(json).not.toContain(root);
    expect(json).not.toContain(os.homedir());
    expect(JSON.parse(json).nodes[0].connection).toEqual({ bootstrapServers: { env: "KAFKA_BOOTSTRAP_SERVERS" } });
  });
});
