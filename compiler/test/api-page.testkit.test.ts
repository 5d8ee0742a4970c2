import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import surface from "./cases/api-surface/pipeline.js";
import bigSpenders from "./cases/process-api-example/pipeline.js";

// The snippets of PIPELINE_API.md ("The rest of the surface" and the keyed-state example), compiled
// from their golden cases and run on a MiniCluster through the test kit, with outputs worked out by
// hand. Records of different keys may leave a keyed operator in any order, so those are sorted.

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const s = (seconds: number): number => T0 + seconds * 1000;
const order = (orderId: string, customerId: string, amount: number, at: number, lines: { sku: string; price: number }[]) => ({
  orderId,
  customerId,
  amount,
  quantity: lines.length,
  createdAt: at,
  lines,
});
const byJson = (records: Record<string, unknown>[]) => [...records].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** A run starts a JVM with a MiniCluster, and the first may rebuild the harness jar with Maven. */
const TEST_KIT_TIMEOUT_MS = 600_000;

describe("the API page's snippets run with exact results", () => {
  test("flatMap, rolling reduce with a spread, interval join, window join and union", async () => {
    const o1 = order("o1", "c1", 10, s(10), [{ sku: "a", price: 1 }, { sku: "b", price: 2 }]);
    const o2 = order("o2", "c2", 20, s(20), [{ sku: "c", price: 3 }]);
    const o3 = order("o3", "c1", 5, s(70), []);
    const o4 = order("o4", "c3", 7, s(30), [{ sku: "d", price: 4 }]);
    const result = await testPipeline(surface)
      .input("orders", [o1, o2, o3])
      .input("payments", [
        { orderId: "o1", method: "card", paidAt: s(5) }, // 5 s before o1: in its interval, same minute
        { orderId: "o2", method: "cash", paidAt: s(25) }, // after o2: outside [-5m, 0s], same minute
        { orderId: "o3", method: "card", paidAt: s(50) }, // 20 s before o3: in its interval, the minute before
      ])
      .input("orders-eu", [o4])
      .run();

    expect(result.sink("skus")).toEqual([
      { orderId: "o1", sku: "a" },
      { orderId: "o1", sku: "b" },
      { orderId: "o2", sku: "c" },
    ]);
    // The first order of a customer passes as it is; the next one adds its amount to the first's record.
    expect(byJson(result.sink("running"))).toEqual(byJson([o1, o2, { ...o1, amount: 15 }]));
    expect(byJson(result.sink("paid-soon"))).toEqual([
      { orderId: "o1", method: "card" },
      { orderId: "o3", method: "card" },
    ]);
    expect(byJson(result.sink("paid-in-window"))).toEqual([
      { orderId: "o1", amount: 10, method: "card" },
      { orderId: "o2", amount: 20, method: "cash" },
    ]);
    expect(byJson(result.sink("all-orders"))).toEqual(byJson([o1, o2, o3, o4]));
  }, TEST_KIT_TIMEOUT_MS);

  test("keyed state: a customer is emitted with its running total once it passes 10,000", async () => {
    const paid = (orderId: string, customerId: string, amount: number, at: number) => ({ orderId, customerId, amount, createdAt: at });
    const result = await testPipeline(bigSpenders)
      .input("paid", [paid("p1", "c1", 6_000, s(1)), paid("p2", "c2", 9_000, s(2)), paid("p3", "c1", 4_000, s(3)), paid("p4", "c1", 0.5, s(4)), paid("p5", "c2", 1_000, s(5))])
      .run();

    // c1 reaches exactly 10,000 at p3 (not above it), then 10,000.5; c2 stays at 10,000.
    // The page's statement writes to no sink: on a cluster the emitted records are dropped; the
    // test kit returns them under the node id of the compiler's TSF1012 warning.
    expect(result.stream("paid.process")).toEqual([{ customerId: "c1", total: 10_000.5 }]);
    expect(() => result.stream("paid")).toThrow("no unread stream 'paid' in pipeline 'big-spenders'; its unread streams are paid.process");
  }, TEST_KIT_TIMEOUT_MS);
});
