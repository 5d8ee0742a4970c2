import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * vitest strips types without checking them, and the build's tsconfig.json leaves test files out,
 * so a test could pass a misspelled field to a typed API (the test kit's typed inputs) unnoticed.
 * tsconfig.test.json checks every source and test file; a type error anywhere fails here.
 */
describe("the tests themselves", () => {
  it("type-check, with every other source of the repository (tsconfig.test.json)", () => {
    const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.test.json")], {
      cwd: root,
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
