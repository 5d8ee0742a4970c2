import * as fs from "node:fs";
import * as path from "node:path";
import avro from "avsc";
import { describe, expect, it } from "vitest";
import { compilePipeline } from "../src/compile.js";
import { standaloneSchema } from "../src/emit/json-emitter.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = path.join(root, "compiler/test/cases/orders-basic/avro-records.json");

/** Records that exercise every field kind of `Order`, edge values included. */
const records = [
  {
    orderId: "o-1", customerId: "c-1", amount: 120.5, quantity: 3, status: "PAID", createdAt: 1_700_000_000_000,
    coupon: null, lines: [{ sku: "sku-1", price: 40.5 }, { sku: "sku-2", price: 80 }], shipping: { city: "Lyon", country: "FR" },
  },
  {
    orderId: "o-2", customerId: "c-ü-2", amount: -0.25, quantity: -7, status: "CANCELLED", createdAt: 0,
    coupon: "WELCOME10", lines: [], shipping: { city: "São Paulo", country: "BR" },
  },
  {
    orderId: "", customerId: "😀", amount: 1e21, quantity: 2_147_483_647, status: "NEW", createdAt: 8_640_000_000_000_000,
    coupon: "", lines: [{ sku: "x", price: 0 }], shipping: { city: "", country: "" },
  },
];

/**
 * The cross-language contract for Avro: the bytes avsc writes from the compiler's schema are
 * checked in, and runtime-java's decoder test reads the same file (AvroCrossLanguageTest).
 * Regenerate with UPDATE_GOLDEN=1 only when the schema changes on purpose.
 */
describe("Avro records shared with the Java harness", () => {
  const result = compilePipeline(path.join(root, "compiler/test/cases/orders-basic/pipeline.ts"), { projectRoot: root });
  const type = avro.Type.forSchema(standaloneSchema(result.graph!, "Order") as avro.Schema);

  it("encodes every record to the checked-in bytes", () => {
    const encoded = records.map((record) => ({ record, avroBase64: type.toBuffer(record).toString("base64") }));
    if (process.env["UPDATE_GOLDEN"] === "1") fs.writeFileSync(fixture, JSON.stringify(encoded, null, 2) + "\n");
    expect(encoded).toEqual(JSON.parse(fs.readFileSync(fixture, "utf8")));
  });

  it("decodes the checked-in bytes to the same records", () => {
    const stored = JSON.parse(fs.readFileSync(fixture, "utf8")) as { record: unknown; avroBase64: string }[];
    for (const { record, avroBase64 } of stored) {
      expect(type.fromBuffer(Buffer.from(avroBase64, "base64"))).toEqual(record);
    }
  });
});
