import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compilePipeline } from "../src/compile.js";
import { renderDot } from "../src/graph-view/dot-renderer.js";
import { renderMermaid } from "../src/graph-view/mermaid-renderer.js";

const root = path.resolve(import.meta.dirname, "../..");
const goldenDir = path.join(root, "compiler/test/graph-view");
const update = process.env["UPDATE_GOLDEN"] === "1";

/** Pipelines drawn by `tsflink graph`; each has `<case>.mmd` and `<case>.dot` next to this test. */
const CASES = { orders: "pipelines/orders.ts", expressions: "compiler/test/cases/expressions/pipeline.ts" };
const RENDERERS = { mmd: renderMermaid, dot: renderDot };

describe("graph view golden files", () => {
  for (const [name, file] of Object.entries(CASES)) {
    const result = compilePipeline(path.join(root, file), { projectRoot: root });
    for (const [ext, render] of Object.entries(RENDERERS)) {
      it(`${name}.${ext}`, () => {
        expect(result.report).toBe("");
        const picture = render(result.graph!);
        const golden = path.join(goldenDir, `${name}.${ext}`);
        if (update) fs.writeFileSync(golden, picture);
        expect(picture).toBe(fs.readFileSync(golden, "utf8"));
      });
    }
  }

  it("draws the same picture twice", () => {
    const result = compilePipeline(path.join(root, CASES.orders), { projectRoot: root });
    const again = compilePipeline(path.join(root, CASES.orders), { projectRoot: root });
    expect(renderMermaid(again.graph!)).toBe(renderMermaid(result.graph!));
    expect(renderDot(again.graph!)).toBe(renderDot(result.graph!));
  });
});
