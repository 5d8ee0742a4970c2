import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compilePipeline, fileName, writeArtifacts } from "../src/compile.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-artifacts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the compiled artifacts' file names", () => {
  it("cuts a record type's name that is too long for a file name and keeps it apart with a hash", () => {
    const name = "s".repeat(250);
    const file = path.join(dir, "long.ts");
    fs.writeFileSync(
      file,
      `import { pipeline, kafka } from "tsflink";
interface Order { orderId: string; amount: number }
export default pipeline({ name: "long-names" }, (p) => {
  const ${name} = p.source(kafka.source<Order>({ topic: "orders" })).map((o) => ({ id: o.orderId }));
  ${name}.to(kafka.sink({ topic: "out" }));
});
`,
    );
    const result = compilePipeline(file, { projectRoot: dir });
    expect(result.report).toBe("");
    const out = path.join(dir, "out");
    const written = writeArtifacts(result, out);
    const hash = createHash("sha256").update(`${name}_Out`).digest("hex").slice(0, 12);
    const cut = `${"s".repeat(237)}-${hash}.avsc`;
    expect(written.schemas.map((s) => path.basename(s))).toEqual(["Order.avsc", cut]);
    expect(Buffer.byteLength(cut)).toBe(255);
    expect(fs.readdirSync(path.join(out, "long-names.schemas")).sort()).toEqual(["Order.avsc", cut]);
    // The schema inside keeps the type's full name.
    expect(JSON.parse(fs.readFileSync(written.schemas[1]!, "utf8")).name).toBe(`${name}_Out`);
  });

  it("leaves names that fit alone, and gives two long names that share a prefix different files", () => {
    expect(fileName("Order", ".avsc")).toBe("Order.avsc");
    const a = fileName(`${"x".repeat(300)}_a`, ".avsc");
    const b = fileName(`${"x".repeat(300)}_b`, ".avsc");
    expect(a).not.toBe(b);
    expect([a.length, b.length]).toEqual([255, 255]);
    expect(fileName(`${"x".repeat(300)}_a`, ".avsc")).toBe(a);
  });
});
