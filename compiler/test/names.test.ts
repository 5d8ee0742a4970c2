import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_ID } from "../src/extract/names.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("what the compiler checks operator names against", () => {
  it("is the schema's and the harness's node id pattern", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(root, "compiler/schema/jobgraph.v1.schema.json"), "utf8"));
    expect(NODE_ID.source).toBe(schema.$defs.nodeId.pattern);
    const loader = fs.readFileSync(path.join(root, "runtime-java/core/src/main/java/dev/tsflink/core/graph/JobGraphLoader.java"), "utf8");
    const java = /NODE_ID = Pattern\.compile\("(.*)"\);/.exec(loader)?.[1];
    expect(`^${java}$`).toBe(NODE_ID.source);
  });
});
