import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import ordersPipeline from "../../pipelines/orders.js";

// Values a hostile tester sent at the harness, run on a MiniCluster through the test kit: each
// must become a dead letter with its reason, and the job must go on with the next record.

const root = path.resolve(import.meta.dirname, "../..");
const T0 = 1_700_000_000_000;

/** A run starts a JVM with a MiniCluster, and the first may rebuild the harness jar with Maven. */
const TEST_KIT_TIMEOUT_MS = 600_000;

/** Avro's zig-zag variable-length encoding of an integer. */
function varint(value: number): Buffer {
  let z = value >= 0 ? BigInt(value) * 2n : -BigInt(value) * 2n - 1n;
  const out: number[] = [];
  while (z >= 0x80n) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return Buffer.from(out);
}

const avroString = (s: string): Buffer => Buffer.concat([varint(Buffer.byteLength(s)), Buffer.from(s)]);

describe("hostile Avro values", () => {
  test("a declared length beyond the value's bytes is a dead letter naming the field, and the job goes on", async () => {
    // pipelines/orders.ts reads Avro Orders. 80 bc c1 96 0b declares a 1,500,000,000-byte orderId.
    const hugeString = Buffer.from([0x80, 0xbc, 0xc1, 0x96, 0x0b, 0x61]);
    // A valid order up to its lines, then a block of two billion lines in three bytes.
    const amount = Buffer.alloc(8);
    amount.writeDoubleLE(20);
    const hugeArray = Buffer.concat([
      avroString("o-8"), avroString("c-8"), amount, varint(1), varint(1), varint(T0), varint(0),
      varint(2_000_000_000), Buffer.from([1, 2, 3]),
    ]);
    const order = {
      orderId: "o-9", customerId: "c-9", amount: 20, quantity: 1, status: "PAID", createdAt: T0,
      lines: [{ sku: "a", price: 20 }], shipping: { city: "Oslo", country: "NO" },
    };
    const result = await testPipeline(ordersPipeline).inputRaw("orders", [hugeString, hugeArray]).input("orders", [order]).run();

    const source = { node: "orders", operator: "kafka-source", location: "pipelines/orders.ts:20:20" };
    expect(result.deadLetters("orders")).toEqual([
      { ...source, reason: "not Avro Order: field 'orderId': a string of 1500000000 bytes, but only 1 byte is left", value: hugeString },
      { ...source, reason: "not Avro Order: field 'lines': array block of 2000000000 items, but only 3 bytes are left", value: hugeArray },
    ]);
    expect(result.sink("orders.paid")).toEqual([
      { orderId: "o-9", customerId: "c-9", amount: 20, big: false, city: "OSLO", coupon: "none", items: 1, createdAt: T0 },
    ]);
  }, TEST_KIT_TIMEOUT_MS);
});

describe("absent versus null at the door", () => {
  test("a record without a `T | null` key is a dead letter; `x?:` and `T | undefined` keys may be left out", async () => {
    const visits = [
      { id: "v-1", referrer: null },
      { id: "v-2", campaign: "spring", channel: "mail", referrer: "news" },
      { id: "v-3" },
    ];
    const result = await testPipeline(path.join(root, "compiler/test/cases/absent-and-null/pipeline.ts")).input("visits", visits).run();
    expect(result.sink("visits.described")).toEqual([
      { id: "v-1", campaign: "none", channel: "undefined", referrer: "direct" },
      { id: "v-2", campaign: "spring", channel: "mail", referrer: "news" },
    ]);
    expect(result.deadLetters("visits")).toEqual([
      {
        node: "kafka-sink.visits.described.source",
        operator: "kafka-source",
        location: "compiler/test/cases/absent-and-null/pipeline.ts:13:5",
        reason: "field 'referrer': missing (the type allows null, not absent)", value: Buffer.from(JSON.stringify(visits[2])),
      },
    ]);
  }, TEST_KIT_TIMEOUT_MS);
});

describe("JavaScript identifiers", () => {
  test("parameters, consts and states named with $, non-ASCII letters and a joiner run on the MiniCluster", async () => {
    const circles = [{ id: "c1", r: 1 }, { id: "c1", r: 2 }, { id: "c2", r: 3 }];
    const result = await testPipeline(path.join(root, "compiler/test/cases/js-identifiers/pipeline.ts")).input("circles", circles).run();
    // As Node computes the pipeline's functions: π * (r * r) with π = 3.14.
    expect(result.sink("areas")).toEqual([{ id: "c1", area: 3.14 }, { id: "c1", area: 12.56 }, { id: "c2", area: 28.26 }]);
    expect(result.sink("counts")).toEqual([{ id: "c1", seen: 1, total: 1 }, { id: "c1", seen: 2, total: 3 }, { id: "c2", seen: 1, total: 3 }]);
  }, TEST_KIT_TIMEOUT_MS);
});
