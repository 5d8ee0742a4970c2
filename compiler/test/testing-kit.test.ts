import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import ordersPipeline from "../../pipelines/orders.js";

// Each run() starts one JVM with a MiniCluster and runs the compiled job graph to the end of its
// inputs; the expected records below are worked out by hand from the pipelines' functions.

const root = path.resolve(import.meta.dirname, "../..");
const T0 = 1_700_000_000_000;

const order = (id: string, status: string, amount: number, at: number, city: string, country: string, extra: object = {}) => ({
  orderId: id,
  customerId: `c-${id.slice(2)}`,
  amount,
  quantity: 1,
  status,
  createdAt: at,
  lines: [{ sku: "sku-1", price: amount }],
  shipping: { city, country },
  ...extra,
});

const ORDERS = [
  order("o-1", "PAID", 750.5, T0, "Berlin", "DE", { coupon: "SPRING", lines: [{ sku: "a", price: 500 }, { sku: "b", price: 250.5 }] }),
  order("o-2", "CANCELLED", 30, T0 + 1000, "Paris", "FR"),
  order("o-3", "NEW", 900, T0 + 2000, "Rome", "IT"),
  order("o-4", "PAID", 0, T0 + 3000, "Oslo", "NO"),
  order("o-5", "PAID", 20, T0 + 4000, "Oslo", "NO"),
];

describe("testPipeline", () => {
  test("runs pipelines/orders.ts: paid and cancelled orders reach their sinks, undecodable values become dead letters", async () => {
    const shipped = order("o-6", "SHIPPED", 5, T0 + 5000, "Lima", "PE");
    const corrupt = Buffer.from([0xff, 0xff, 0xff]);
    const result = await testPipeline(ordersPipeline).input("orders", [...ORDERS, shipped]).inputRaw("orders", [corrupt]).run();

    expect(result.sink("orders.paid")).toEqual([
      { orderId: "o-1", customerId: "c-1", amount: 750.5, big: true, city: "BERLIN", coupon: "SPRING", items: 2, createdAt: T0 },
      { orderId: "o-5", customerId: "c-5", amount: 20, big: false, city: "OSLO", coupon: "none", items: 1, createdAt: T0 + 4000 },
    ]);
    expect(result.sink("kafka-sink.orders.cancelled")).toEqual([{ orderId: "o-2", customerId: "c-2", reason: "cancelled in FR" }]);
    // The database sinks receive the same paid orders, found by table, collection or node id.
    expect(result.sink("paid_orders")).toEqual(result.sink("orders.paid"));
    expect(result.sink("paid_order_docs")).toEqual(result.sink("orders.paid"));
    expect(result.sink("redis-sink.paid")).toEqual(result.sink("orders.paid"));
    const source = { node: "orders", operator: "kafka-source", location: "pipelines/orders.ts:20:20" };
    expect(result.deadLetters("orders")).toEqual([
      { ...source, reason: "field 'status': \"SHIPPED\" is not a symbol of Order_status (NEW, PAID, CANCELLED)", value: Buffer.from(JSON.stringify(shipped)) },
      { ...source, reason: "not Avro Order: the value ends before the record does", value: corrupt },
    ]);
    // No operator failed: the source's are all there are.
    expect(result.deadLetters()).toEqual(result.deadLetters("orders"));
  });

  test("gives the same result for a pipeline's definition and for the path of its file", async () => {
    const fromDefinition = await testPipeline(ordersPipeline).input("orders", ORDERS).run();
    const fromPath = await testPipeline(path.join(root, "pipelines/orders.ts")).input("orders", ORDERS).run();
    expect(fromPath.sink("orders.paid")).toEqual(fromDefinition.sink("orders.paid"));
    expect(fromPath.sink("orders.cancelled")).toEqual(fromDefinition.sink("orders.cancelled"));
    expect(fromDefinition.sink("orders.paid").map((r) => r.orderId)).toEqual(["o-1", "o-5"]);
  });

  test("runs a pipeline with a source the test gives no records: that source is empty", async () => {
    const result = await testPipeline(path.join(root, "compiler/test/cases/op-flat-map-union/pipeline.ts"))
      .input("returns", [{ orderId: "o-1", sku: "a", at: T0 }, { orderId: "o-2", sku: "", at: T0 }])
      .run();
    expect(result.sink("line-events")).toEqual([{ orderId: "o-1", sku: "a", delta: -1 }]);
    expect(result.deadLetters("orders")).toEqual([]);
  });

  test("refuses a pipeline that does not compile, with the compiler's diagnostics", async () => {
    const dir = path.join(root, "compiler/test/cases/error-2004-non-deterministic");
    const expected = fs.readFileSync(path.join(dir, "expected.errors.txt"), "utf8");
    await expect(testPipeline(path.join(dir, "pipeline.ts")).run()).rejects.toThrow(
      `pipeline compiler/test/cases/error-2004-non-deterministic/pipeline.ts does not compile:\n${expected}`,
    );
  });

  test("runs compiler/test/cases/expressions: every expression kind, both sinks, a dead letter", async () => {
    const readings = [
      { sensor: "s-core-7", site: { name: "Hall", region: "us" }, celsius: 25, samples: 4, total: 10, at: T0, ok: true, level: "HIGH", tags: ["a"] },
      // No tags and no "core" in the name: the second filter drops it.
      { sensor: "s-9", celsius: -10, samples: 11, total: 33, at: 5, ok: true, level: "LOW", tags: [] },
      { sensor: "s-Hot ", site: { name: "Roof" }, celsius: 37.5, samples: 11, total: 22, at: T0 + 1000, ok: true, level: "LOW", tags: ["t"] },
      { sensor: "s-6", level: "MEDIUM" },
    ];
    const result = await testPipeline(path.join(root, "compiler/test/cases/expressions/pipeline.ts")).input("readings", readings).run();

    const hall = {
      sensor: "s-core-7", fahrenheit: 77, label: "s-core-7=25F (4 samples, ok=true)", site: "Hall", region: "US", regionLength: 2,
      parity: 0, negated: -25, plus: 10, average: 2.5, samples: 5, level: "HIGH", grade: "alarm", fallback: "s-core-7", both: false,
      concat: "id:s-core-7:4", at: T0, nested: { min: 24, max: 26 },
    };
    const roof = {
      sensor: "s-hot", fahrenheit: 99.5, label: "s-Hot =37.5F (11 samples, ok=true)", site: "Roof", region: null, regionLength: null,
      parity: 1, negated: -37.5, plus: 22, average: 2, samples: 12, level: "LOW", grade: "normal", fallback: "s-Hot ", both: true,
      concat: "id:s-Hot :11", at: T0 + 1000, nested: { min: 36.5, max: 38.5 },
    };
    expect(result.sink("readings.f")).toEqual([hall, roof]);
    expect(result.sink("alarms")).toEqual([roof]);
    // Named by the source's topic here; its node id is "sensor-readings".
    expect(result.deadLetters("readings")).toEqual([{
      node: "sensor-readings", operator: "kafka-source", location: "compiler/test/cases/expressions/pipeline.ts:22:24",
      reason: "field 'level': \"MEDIUM\" is not a symbol of Reading_level (LOW, HIGH)", value: Buffer.from(JSON.stringify(readings[3])),
    }]);
  });

  test("runs compiler/test/cases/string-unions-and-casts: string methods on an enum, mixed numbers, `as`, a template key", async () => {
    const payments = [
      { id: "p-1", method: "CARD", qty: 3, total: 40, price: 2.75, at: T0 },
      { id: "p-2", method: "WIRE", qty: 2, total: 7, price: 0.5, at: T0 + 1, note: "rush" },
      { id: "p-1", method: "CARD", qty: 4, total: 41, price: -1.5, at: T0 + 2 },
    ];
    const result = await testPipeline(path.join(root, "compiler/test/cases/string-unions-and-casts/pipeline.ts")).input("payments", payments).run();

    // What Node computes from the same functions; `as Int` is the graph's documented truncation.
    const out = (p: (typeof payments)[number], amount: number, note: string) => ({
      lower: p.method.toLowerCase(), length: 4, wire: p.method === "WIRE", before: p.method === "CARD",
      line: { amount, label: `${p.method}-${p.id}` }, asText: p.method, asWider: p.method, qtyNumber: p.qty, qtyLong: p.qty,
      totalStamp: p.total, priceInt: Math.trunc(p.price), note,
    });
    expect(result.sink("payments.out")).toEqual([out(payments[0]!, 3, "undefined"), out(payments[1]!, 1, "rush"), out(payments[2]!, 1, "undefined")]);
    // Keyed by "CARD|p-1" and "WIRE|p-2": the second p-1 payment adds to the first.
    expect(result.sink("payments.totals").map((r) => [r.id, r.qty])).toEqual([["p-1", 3], ["p-2", 2], ["p-1", 7]]);
    // Keyed by "CARD-true", "WIRE-false", "CARD-true".
    expect(result.sink("payments.by-size").map((r) => [r.id, r.qty])).toEqual([["p-1", 3], ["p-2", 2], ["p-1", 7]]);
    expect(result.sink("payments.firsts")).toEqual([{ method: "CARD", first: "CARD", lastQty: 4 }, { method: "WIRE", first: "WIRE", lastQty: 2 }]);
    expect(result.deadLetters("payments")).toEqual([]);
  });
});
