import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import fraudCheck, { transactionSource } from "./fraud-check.js";

// pipelines/fraud-check.ts through the test kit. The test kit advances the watermark after every
// input record (max event time so far − maxOutOfOrderness (5 s) − 1 ms), so when the idle timers
// fire follows from the input order alone. A keyed process sees records in arrival order, late or
// not: lateness only matters through its timers.

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const s = (seconds: number): number => T0 + seconds * 1000;

const tx = (txId: string, cardId: string, amount: number, ts: number, merchant = "shop") => ({ txId, cardId, amount, merchant, ts });

/** In arrival order; the comment says what each payment is there for. */
const TRANSACTIONS = [
  tx("t1", "card-1", 0.5, s(0)), // tiny: card-1 is being tested
  tx("t2", "card-1", 900, s(30)), // large 30 s later: alert
  tx("t3", "card-2", 20, s(40)),
  tx("t4", "card-1", 15, s(20)), // out of order (and behind the watermark): still card-1's third payment of the minute
  tx("t5", "card-1", 40, s(50)), // fourth within a minute of t1: burst alert
  tx("t6", "card-1", 12, s(55)), // fifth: no second alert for the same run
  tx("t7", "card-2", 0.2, s(120)), // tiny; 80 s after t3, so a new run starts
  tx("t8", "card-2", 600, s(240)), // large, but 2 min after the tiny one: no alert
  tx("t9", "card-2", 0.3, s(300)), // tiny again
  tx("t10", "card-3", 30, s(1800)), // watermark 29:54.999: card-1 (idle since 0:55) and card-2 (since 5:00) are cleared
  tx("t11", "card-2", 800, s(330)), // late; 30 s after t9, but card-2's state was cleared: no alert
];

const alert = (cardId: string, txId: string, rule: string, amount: number, at: number) => ({ cardId, txId, rule, amount, at });

/** A run starts a JVM with a MiniCluster, and the first may rebuild the harness jar with Maven. */
const TEST_KIT_TIMEOUT_MS = 600_000;

describe("pipelines/fraud-check.ts", () => {
  test("per-card rules on keyed state; an event-time timer clears an idle card, so a late payment meets a fresh state", async () => {
    const result = await testPipeline(fraudCheck).input(transactionSource, TRANSACTIONS).run();

    expect(result.sink("alerts")).toEqual([
      alert("card-1", "t2", "small-then-large", 900, s(30)),
      alert("card-1", "t5", "burst", 40, s(50)),
    ]);
    expect(result.deadLetters(transactionSource)).toEqual([]);
  }, TEST_KIT_TIMEOUT_MS);

  test("without the idle gap the same late payment does raise the alert: the timer, not the lateness, made the difference", async () => {
    const withoutGap = TRANSACTIONS.filter((t) => t.txId !== "t10");
    const result = await testPipeline(fraudCheck).input(transactionSource, withoutGap).run();

    expect(result.sink("alerts")).toEqual([
      alert("card-1", "t2", "small-then-large", 900, s(30)),
      alert("card-1", "t5", "burst", 40, s(50)),
      alert("card-2", "t11", "small-then-large", 800, s(330)),
    ]);
  }, TEST_KIT_TIMEOUT_MS);
});
