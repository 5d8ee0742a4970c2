import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compilePipeline } from "../src/compile.js";
import { diffGraphs } from "../src/diff/graph-diff.js";
import { parseJobGraph } from "../src/diff/graph-input.js";
import { renderDot } from "../src/graph-view/dot-renderer.js";
import { renderMermaid } from "../src/graph-view/mermaid-renderer.js";
import { findTooDeepInText } from "../src/load/nesting-depth.js";

// Expressions too deep for TypeScript's parser or checker (or the translator) are refused with
// TSF2018 at the outermost node of the chain, before anything recurses over them. The pipelines
// are generated: a checked-in file of 1,200 parentheses would be unreadable.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-depth-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A pipeline whose map builds `{ v: <value> }`; the value starts at line 4, column 71. */
function compileValue(name: string, value: string) {
  const file = path.join(dir, `${name}.ts`);
  fs.writeFileSync(
    file,
    `import { pipeline, kafka } from "tsflink";
interface Order { orderId: string; amount: number }
export default pipeline({ name: "deep" }, (p) => {
  p.source(kafka.source<Order>({ topic: "orders" })).map((o) => ({ v: ${value} })).to(kafka.sink({ topic: "out" }));
});
`,
  );
  return compilePipeline(file, { projectRoot: dir });
}

function firstLine(report: string): string {
  return report.split("\n")[0]!;
}

const refusal = (file: string, depth: string) =>
  `${file}.ts:4:71 - error TSF2018: This expression nests ${depth} levels deep, counted from the top of the file; the compiler handles at most 256 (TypeScript's checker, the translator and the job graph's readers recurse once per level). Split it into \`const\`s: \`const a = …;\` then use \`a\` in the next one.`;

describe("expressions nested too deep", () => {
  it("refuses 1,200 chained `+`", () => {
    const result = compileValue("plus", Array.from({ length: 1200 }, () => "o.amount").join(" + "));
    expect(result.graph).toBeUndefined();
    expect(firstLine(result.report)).toBe(refusal("plus", "1213"));
    expect(result.diagnostics).toHaveLength(1);
  });

  it("refuses 1,200 nested parentheses", () => {
    // The parser survives this many on some runs and overflows on others; both answers are refusals
    // at the same place, the parser's own overflow measured on the text (no exact depth).
    const result = compileValue("parens", `${"(".repeat(1200)}o.amount${")".repeat(1200)}`);
    expect([refusal("parens", "1215"), refusal("parens", "more than 256")]).toContain(firstLine(result.report));
  });

  it("refuses parentheses nested too deep for TypeScript's parser, located by the brackets of the text", () => {
    const result = compileValue("parser", `${"(".repeat(20_000)}o.amount${")".repeat(20_000)}`);
    expect(firstLine(result.report)).toBe(refusal("parser", "more than 256"));
  });

  it("refuses 250 nested lambdas", () => {
    let value = "o.amount";
    for (let i = 0; i < 250; i++) value = `[1].map((x${i}) => ${value})[0]!`;
    const result = compileValue("lambdas", value);
    expect(firstLine(result.report)).toBe(refusal("lambdas", "1014"));
  });

  it("refuses 520 nested calls", () => {
    const result = compileValue("calls", `${"Math.abs(".repeat(520)}o.amount${")".repeat(520)}`);
    expect(firstLine(result.report)).toBe(refusal("calls", "534"));
  });

  it("refuses a chain of 600 conditional branches: the job graph would nest that deep too", () => {
    let value = "0";
    for (let i = 600; i > 0; i--) value = `o.amount > ${i} ? ${i} : ${value}`;
    expect(firstLine(compileValue("chain", value).report)).toBe(refusal("chain", "615"));
  });

  it("counts an `else` chain's branches in the text as in the tree, when the parser overflowed", () => {
    let chain = "0";
    for (let i = 300; i > 0; i--) chain = `a > ${i} ? ${i} : ${chain}`;
    const text = `const f = (a: number) => ({ v: ${chain}, w: (((1))) });`;
    expect(findTooDeepInText(text)).toEqual([{ start: text.indexOf("? 1 :"), width: 1, depth: undefined }]);
    expect(findTooDeepInText(`const g = ${"(".repeat(300)}1${")".repeat(300)};`)).toEqual([{ start: 10, width: 1, depth: undefined }]);
  });

  it("compiles a chain of 240 conditional branches, and what reads its graph copes with it", () => {
    let value = "0";
    for (let i = 240; i > 0; i--) value = `o.amount > ${i} ? ${i} : ${value}`;
    const result = compileValue("ternary", value);
    expect(result.report).toBe("");
    expect(result.graph?.nodes.map((n) => n.kind)).toEqual(["kafka-source", "map", "kafka-sink"]);
    const reread = parseJobGraph(result.json!, "ternary.jobgraph.json");
    expect(renderMermaid(reread)).toContain("map");
    expect(renderDot(reread)).toContain("map");
    const changed = compileValue("ternary2", value.replace("o.amount > 240 ? 240", "o.amount > 241 ? 241"));
    expect(diffGraphs(reread, changed.graph!).changes.map((c) => c.code)).toEqual(["function-changed"]);
  });

  it("compiles what is just within the limit: 240 chained `&&`, `||` and `+`, 240 nested calls", () => {
    const comparisons = Array.from({ length: 240 }, (_, i) => `o.amount > ${i}`);
    for (const [name, value] of [
      ["and", comparisons.join(" && ")],
      ["or", comparisons.join(" || ")],
      ["sum", Array.from({ length: 240 }, () => "o.amount").join(" + ")],
      ["nested", `${"Math.abs(".repeat(240)}o.amount${")".repeat(240)}`],
    ] as const) {
      const result = compileValue(name, value);
      expect(result.report, name).toBe("");
      expect(result.graph?.nodes).toHaveLength(3);
    }
  });
});
