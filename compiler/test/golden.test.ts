import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { compilePipeline } from "../src/compile.js";

const root = path.resolve(import.meta.dirname, "../..");
const casesDir = path.join(root, "compiler/test/cases");
const schema = JSON.parse(fs.readFileSync(path.join(root, "compiler/schema/jobgraph.v1.schema.json"), "utf8"));
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
const update = process.env["UPDATE_GOLDEN"] === "1";

/**
 * Each folder under compiler/test/cases is a pipeline with the job graph it must compile to
 * (expected.json), the exact diagnostics it must produce (expected.errors.txt), or both when
 * it compiles with warnings. Run with UPDATE_GOLDEN=1 to rewrite them after an intended change,
 * then review the diff.
 */
describe("golden cases", () => {
  for (const name of fs.readdirSync(casesDir).sort()) {
    const dir = path.join(casesDir, name);
    const expectedJson = path.join(dir, "expected.json");
    const expectedErrors = path.join(dir, "expected.errors.txt");
    it(name, () => {
      const result = compilePipeline(path.join(dir, "pipeline.ts"), { projectRoot: root });
      if (update && result.report !== "") fs.writeFileSync(expectedErrors, result.report);
      if (fs.existsSync(expectedErrors) || (update && result.report !== "")) {
        expect(result.report).toBe(fs.readFileSync(expectedErrors, "utf8"));
      } else {
        expect(result.report).toBe("");
      }
      if (!result.json) {
        expect(fs.existsSync(expectedJson), "an error case has no expected.json").toBe(false);
        return;
      }
      if (update) fs.writeFileSync(expectedJson, result.json);
      expect(result.json).toBe(fs.readFileSync(expectedJson, "utf8"));
      const valid = validate(JSON.parse(result.json!));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });
  }
});

describe("the diagnostic catalogue", () => {
  it("has a golden refusal case for every code", async () => {
    const { DIAGNOSTICS } = await import("../src/diagnostics/diagnostic-catalogue.js");
    const covered = new Set<string>();
    for (const name of fs.readdirSync(casesDir)) {
      const file = path.join(casesDir, name, "expected.errors.txt");
      if (fs.existsSync(file)) for (const m of fs.readFileSync(file, "utf8").matchAll(/(?:error|warning) (TSF\d+)/g)) covered.add(m[1]!);
    }
    // 9xxx codes report a disagreement between compiler and harness, which no correct pipeline
    // can cause; harness-check.test.ts provokes them with a tampered graph.
    const codes = Object.values(DIAGNOSTICS).filter((d) => d.code < 9000).map((d) => `TSF${d.code}`).sort();
    expect(codes.filter((c) => !covered.has(c))).toEqual([]);
  });
});
