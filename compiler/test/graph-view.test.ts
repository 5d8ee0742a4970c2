import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compilePipeline } from "../src/compile.js";
import { loadGraph } from "../src/diff/graph-input.js";
import { renderDot } from "../src/graph-view/dot-renderer.js";
import { renderMermaid } from "../src/graph-view/mermaid-renderer.js";
import { renderSvg } from "../src/graph-view/svg-renderer.js";

const root = path.resolve(import.meta.dirname, "../..");
const goldenDir = path.join(root, "compiler/test/graph-view");
const update = process.env["UPDATE_GOLDEN"] === "1";

/** Pipelines drawn by `tsflink graph`; each has `<case>.mmd` and `<case>.dot` next to this test. */
const CASES = { orders: "pipelines/orders.ts", expressions: "compiler/test/cases/expressions/pipeline.ts", revenue: "compiler/test/diff/base.jobgraph.json" };
const RENDERERS = { mmd: renderMermaid, dot: renderDot };

describe("graph view golden files", () => {
  for (const [name, file] of Object.entries(CASES)) {
    // A compiled graph (keyed operators, windows, state) is drawn as it is; a pipeline is compiled first.
    const result = file.endsWith(".json") ? { report: "", graph: loadGraph(path.join(root, file)) } : compilePipeline(path.join(root, file), { projectRoot: root });
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

  it("lays the DOT picture out as SVG with Graphviz, keys and windows included", async () => {
    const svg = await renderSvg(loadGraph(path.join(root, CASES.revenue)));
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="no"\?>/);
    expect(svg).toContain("<title>revenue</title>");
    // Graphviz writes "-" as "&#45;".
    const text = svg.replace(/&#45;/g, "-");
    for (const line of ["window-aggregate · revenue.ts:33", "key customerId · tumbling 1m", "key customerId · state total", "table largest_orders · upsert (customerId) · exactly-once"]) {
      expect(text).toContain(`>${line}</text>`);
    }
    // Keyed operators have a double border: two polygons in their group.
    const group = /<g id="node\d+" class="node">\n<title>perCustomer<\/title>[\s\S]*?<\/g>/.exec(svg)![0];
    expect(group.match(/<polygon/g)).toHaveLength(2);
  });
});
