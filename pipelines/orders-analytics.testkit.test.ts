import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import ordersAnalytics from "./orders-analytics.js";

// pipelines/orders-analytics.ts through the test kit. The test kit advances the watermark after
// every input record (max event time so far − maxOutOfOrderness (5 s) − 1 ms), so which records are
// late, and when a window fires, follows from the input order alone. Expected records are worked
// out by hand from the pipeline's functions.

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z, a minute boundary
const s = (seconds: number): number => T0 + seconds * 1000;

const SHIPPING = {
  "c-1": { city: "Lyon", country: "FR" },
  "c-2": { city: "Osaka", country: "JP" },
} as const;

function order(orderId: string, customerId: "c-1" | "c-2", status: string, amount: number, createdAt: number, extra: object = {}) {
  return {
    orderId,
    customerId,
    amount,
    quantity: 1,
    status,
    createdAt,
    lines: [{ sku: "sku-1", price: amount }],
    shipping: SHIPPING[customerId],
    ...extra,
  };
}

const NOT_AN_ORDER = { orderId: "o-bad" };

/** In arrival order; the comment says what each record is there for. */
const ORDERS = [
  order("o1", "c-1", "PAID", 120, s(10), { coupon: "SAVE10", lines: [{ sku: "a", price: 100 }, { sku: "b", price: 20 }] }),
  order("o2", "c-2", "PAID", 80, s(20), { lines: [] }),
  order("o3", "c-1", "NEW", 50, s(25)), // not paid
  order("o4", "c-1", "PAID", 600, s(40)), // big
  order("o5", "c-2", "CANCELLED", 30, s(45)), // to orders.cancelled
  NOT_AN_ORDER, // a dead letter
  order("o6", "c-1", "PAID", 0, s(50)), // paid, but nothing
  order("o7", "c-1", "PAID", 200, s(58)),
  order("o8", "c-1", "PAID", 70, s(70)), // watermark 64.999 s: the first minute fires
  order("o9", "c-2", "PAID", 90, s(66)), // 4 s out of order, within the bound: second minute
  order("o10", "c-1", "PAID", 40, s(50)), // late, within the 30 s allowed lateness: the first minute fires again
  order("o11", "c-2", "PAID", 300, s(160)), // watermark 154.999 s: the second minute fires, the first is gone
  order("o12", "c-1", "PAID", 500, s(30)), // beyond the allowed lateness: paid, but in no window
];

const paid = (o: ReturnType<typeof order>, city: string, coupon: string, items: number) => ({
  orderId: o.orderId,
  customerId: o.customerId,
  amount: o.amount,
  big: o.amount >= 500,
  city,
  coupon,
  items,
  createdAt: o.createdAt,
});

const byId = (id: string) => ORDERS.find((o) => o.orderId === id) as ReturnType<typeof order>;

const revenue = (customerId: string, minute: number, orders: number, total: number, largest: number) => ({
  customerId,
  orders,
  revenue: total,
  largest,
  windowStart: T0 + minute * 60_000,
  windowEnd: T0 + (minute + 1) * 60_000,
});

/**
 * Windows of different keys that fire on the same watermark come out in no defined order; within a
 * key and window, updates come in the order they were made.
 */
const inWindowOrder = (records: Record<string, unknown>[]) =>
  [...records].sort((a, b) => Number(a["windowEnd"]) - Number(b["windowEnd"]) || String(a["customerId"]).localeCompare(String(b["customerId"])));

/** A run starts a JVM with a MiniCluster, and the first may rebuild the harness jar with Maven. */
const TEST_KIT_TIMEOUT_MS = 600_000;

describe("pipelines/orders-analytics.ts", () => {
  test("paid orders, per-customer revenue per minute with out-of-order and late orders, cancelled orders, dead letters", async () => {
    const result = await testPipeline(ordersAnalytics).input("orders", ORDERS).run();

    expect(result.sink("mongo-sink.paid_orders")).toEqual([
      paid(byId("o1"), "LYON", "SAVE10", 2),
      paid(byId("o2"), "OSAKA", "none", 0),
      paid(byId("o4"), "LYON", "none", 1),
      paid(byId("o7"), "LYON", "none", 1),
      paid(byId("o8"), "LYON", "none", 1),
      paid(byId("o9"), "OSAKA", "none", 1),
      paid(byId("o10"), "LYON", "none", 1),
      paid(byId("o11"), "OSAKA", "none", 1),
      paid(byId("o12"), "LYON", "none", 1),
    ]);

    const perCustomer = [
      revenue("c-1", 0, 3, 920, 600), // o1, o4, o7
      revenue("c-1", 0, 4, 960, 600), // again with the late o10
      revenue("c-2", 0, 1, 80, 80), // o2
      revenue("c-1", 1, 1, 70, 70), // o8
      revenue("c-2", 1, 1, 90, 90), // o9
      revenue("c-2", 2, 1, 300, 300), // o11, when the input ends
    ];
    expect(inWindowOrder(result.sink("postgres-sink.customer_revenue_1m"))).toEqual(perCustomer);
    expect(inWindowOrder(result.sink("redis-sink.perCustomer"))).toEqual(perCustomer);

    expect(result.sink("orders.cancelled")).toEqual([
      { ...byId("o5"), coupon: null },
    ]);
    expect(result.deadLetters()).toEqual([{
      node: "orders", operator: "kafka-source", location: "pipelines/orders-analytics.ts:27:22",
      reason: "field 'customerId': missing", value: Buffer.from(JSON.stringify(NOT_AN_ORDER)),
    }]);
  }, TEST_KIT_TIMEOUT_MS);
});
