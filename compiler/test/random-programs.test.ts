import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testPipeline } from "tsflink/testing";
import { compilePipeline, type CompileResult } from "../src/compile.js";
import { checkInHarness } from "../src/harness/harness-check.js";
import { nodeOracle } from "./differential/oracle.js";

// "What check accepts, runs": pipelines whose functions are random expressions of the supported
// language go through the compiler. Each one it refuses must be refused with located
// diagnostics (TypeScript's own, for the programs tsc would refuse too, or tsflink's); each one it accepts must load, build and compile in the harness, and — all
// accepted ones together, in one job — give exactly what Node gives on the same records.

const SEED = 20_261_204;
const PROGRAMS = 64;
const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "build/random-programs");

const RECORD_TYPE = `interface R {
  id: Int;
  s: string;
  t: string;
  n: number;
  m: number;
  i: Int;
  b: boolean;
  xs: number[];
  tags: string[];
  o?: string;
  st: "A" | "B";
}`;

type Kind = "num" | "str" | "bool";

/** Typed expressions of the supported language over a record `r` (texts valid as TypeScript and JavaScript). */
const expressions = fc.letrec<Record<Kind, string>>((tie) => {
  const num = tie("num");
  const str = tie("str");
  const bool = tie("bool");
  const small = fc.constantFrom("0", "1", "2", "3", "-1", "1.5", "-2.7");
  return {
    num: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("r.n", "r.m", "r.i", "r.xs.length", "r.s.length", "0", "1", "-1", "2.5", "0.1", "1e21", "-0", "7", "NaN", "Infinity"),
      fc.tuple(num, fc.constantFrom("+", "-", "*", "/", "%"), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
      num.map((a) => `-(${a})`),
      fc.tuple(fc.constantFrom("abs", "floor", "ceil", "round", "trunc", "sign", "sqrt"), num).map(([f, a]) => `Math.${f}(${a})`),
      fc.tuple(fc.constantFrom("min", "max"), num, num).map(([f, a, b]) => `Math.${f}(${a}, ${b})`),
      fc.tuple(bool, num, num).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(str, str).map(([a, b]) => `${a}.indexOf(${b})`),
      str.map((a) => `${a}.length`),
      fc.tuple(fc.constantFrom("Number", "parseFloat", "parseInt"), str).map(([f, a]) => `${f}(${a})`),
      num.map((a) => `r.xs.reduce((acc, x) => acc + x * ${a}, 0)`),
      num.map((a) => `r.xs.indexOf(${a})`),
      fc.constant(`(r.o ?? "").length`),
    ),
    str: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("r.s", "r.t", "r.st", `""`, `"a"`, `"x-y"`, `"ß"`, `"😀"`, `" pad "`, `"in progress"`),
      fc.tuple(str, str).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(str, num).map(([a, b]) => `\`\${${a}}:\${${b}}\``),
      fc.tuple(str, fc.constantFrom("toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd")).map(([a, f]) => `${a}.${f}()`),
      fc.tuple(str, small, small).map(([a, x, y]) => `${a}.slice(${x}, ${y})`),
      fc.tuple(str, small, small).map(([a, x, y]) => `${a}.substring(${x}, ${y})`),
      fc.tuple(str, fc.constantFrom("0", "4", "9"), fc.constantFrom(`"*"`, `"ab"`, `""`)).map(([a, k, f]) => `${a}.padStart(${k}, ${f})`),
      fc.tuple(str, fc.constantFrom("0", "2", "6")).map(([a, k]) => `${a}.padEnd(${k})`),
      fc.tuple(str, str, str).map(([a, b, c]) => `${a}.replace(${b}, ${c})`),
      fc.tuple(str, str, str).map(([a, b, c]) => `${a}.replaceAll(${b}, ${c})`),
      num.map((a) => `String(${a})`),
      str.map((a) => `r.tags.join(${a})`),
      str.map((a) => `(r.o ?? ${a})`),
      fc.tuple(bool, str, str).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(str, small).map(([a, i]) => `${a}.charAt(${i})`),
      fc.tuple(str, fc.constantFrom("0", "1", "3")).map(([a, k]) => `${a}.repeat(${k})`),
      str.map((a) => `r.tags.map((x) => x + ${a}).join("|")`),
      fc.tuple(str, str).map(([a, b]) => `${a}.split(${b}).join("/")`),
    ),
    bool: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("r.b", "true", "false", "r.o === undefined"),
      fc.tuple(num, fc.constantFrom("<", "<=", ">", ">=", "===", "!=="), num).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(str, fc.constantFrom("===", "!==", "<"), str).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(str, fc.constantFrom("includes", "startsWith", "endsWith"), str).map(([a, f, b]) => `${a}.${f}(${b})`),
      bool.map((a) => `!${a}`),
      fc.tuple(bool, fc.constantFrom("&&", "||"), bool).map(([a, op, b]) => `(${a} ${op} ${b})`),
      num.map((a) => `r.xs.some((x) => x > ${a})`),
      num.map((a) => `r.xs.every((x) => x !== ${a})`),
      str.map((a) => `r.tags.includes(${a})`),
      fc.tuple(fc.constantFrom("isInteger", "isFinite"), num).map(([f, a]) => `Number.${f}(${a})`),
    ),
  };
});

/** One pipeline branch: a filter and a map of six fields, two of each kind. */
const branch = fc.record({
  keep: expressions.bool,
  fields: fc.tuple(expressions.num, expressions.num, expressions.str, expressions.str, expressions.bool, expressions.bool),
});
interface Branch {
  readonly keep: string;
  readonly fields: readonly string[];
}

function branchCode(b: Branch, index: number): string {
  const fields = b.fields.map((f, k) => `f${k}: ${f}`).join(", ");
  return `  const b${index} = rows.filter((r) => ${b.keep}).map((r) => ({ id: r.id, ${fields} }));\n` +
    `  b${index}.to(kafka.sink({ topic: "out-${index}", format: "json" }));\n`;
}

function pipelineFile(name: string, branches: readonly { code: Branch; index: number }[]): string {
  const file = path.join(dir, `${name}.ts`);
  fs.writeFileSync(file, `import { pipeline, kafka, type Int } from "tsflink";\n\n${RECORD_TYPE}\n\n` +
    `export default pipeline({ name: "${name}", parallelism: 1, checkpoint: { interval: "5s" } }, (p) => {\n` +
    `  const rows = p.source(kafka.source<R>({ topic: "rows", format: "json", startFrom: "earliest" }));\n` +
    branches.map((b) => branchCode(b.code, b.index)).join("") + "});\n");
  return file;
}

const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("", "a", "x-y", "ß", "ΑΣ", "😀", " pad ", "1e3", "0x1A", "12px", "A", "B"));
const records = fc.sample(
  fc.record({
    s: text, t: text,
    n: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -100, max: 100 })),
    m: fc.constantFrom(0, 1, -1, 0.5, 2.5, -2.5, 1e21, 3),
    i: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    b: fc.boolean(),
    xs: fc.array(fc.constantFrom(0, 1, -1, 2.5, 1e21, -0.5), { maxLength: 4 }),
    tags: fc.array(text, { maxLength: 3 }),
    o: fc.option(text, { nil: undefined }),
    st: fc.constantFrom("A" as const, "B" as const),
  }, { requiredKeys: ["s", "t", "n", "m", "i", "b", "xs", "tags", "st"] }),
  { seed: SEED, numRuns: 200 },
).map((r, id) => ({ ...r, id }));

describe("random programs", () => {
  const branches = fc.sample(branch, { seed: SEED, numRuns: PROGRAMS });
  let accepted: number[] = [];

  it("are refused with located diagnostics, or accepted and then loaded, built and compiled by the harness", () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const results: CompileResult[] = branches.map((b, i) => compilePipeline(pipelineFile(`random-${i}`, [{ code: b, index: i }]), { projectRoot: root }));
    const unlocated = results.flatMap((r) => r.diagnostics.filter((d) => d.file === undefined || !/^(TSF\d{4}|TS\d+)$/.test(d.code)).map((d) => `${d.code}: ${d.message}`));
    expect(unlocated).toEqual([]);
    const checked = checkInHarness(results, root);
    const harnessRefusals = checked.flatMap((r, i) => (results[i]!.graph && !r.graph ? [`random-${i}:\n${r.report}`] : []));
    expect(harnessRefusals).toEqual([]);
    accepted = results.flatMap((r, i) => (r.graph ? [i] : []));
    console.log(`random programs: ${accepted.length} of ${PROGRAMS} accepted`);
    expect(accepted.length).toBeGreaterThan(PROGRAMS / 2);
  });

  it("that are accepted agree with Node, field by field, on every record", async () => {
    expect(accepted.length).toBeGreaterThan(0);
    const file = pipelineFile("random-all", accepted.map((index) => ({ code: branches[index]!, index })));
    const compiled = compilePipeline(file, { projectRoot: root });
    expect(compiled.report).toBe("");
    const result = await testPipeline(file).input("rows", records).run();
    const oracle = nodeOracle(file, compiled.graph!, new Map([["rows", records]]));
    expect(result.deadLetters("rows")).toEqual([]);
    for (const [sink, { rows }] of oracle) {
      expect.soft(JSON.stringify(result.sink(sink)), `sink '${sink}' of branch ${sink.replace(/\D+/g, "")}: ${JSON.stringify(branches[Number(sink.replace(/\D+/g, ""))])}`).toBe(JSON.stringify(rows));
    }
  });
});
