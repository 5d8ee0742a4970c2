import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import clickstreamSessions, { clickSource } from "./clickstream-sessions.js";

// pipelines/clickstream-sessions.ts through the test kit. The test kit advances the watermark after
// every input record (max event time so far − maxOutOfOrderness (10 s) − 1 ms), so which clicks are
// late, and when a session closes, follows from the input order alone.

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const m = (minutes: number): number => T0 + minutes * 60_000;

const click = (userId: string, page: string, ts: number) => ({ userId, page, ts });

/** In arrival order; the comment says what each click is there for. */
const CLICKS = [
  click("alice", "/home", m(0)),
  click("alice", "/products", m(1)),
  click("alice", "/search", T0 + 50_000), // 10 s out of order, within the bound
  click("bob", "/home", m(2)),
  click("alice", "/products", m(5)), // a page seen before: distinct pages stay 3
  click("bob", "/pricing", m(40)), // 38 min after bob's first click: a new session; watermark 39:49.999 closes alice's and bob's first
  click("alice", "/checkout", m(6)), // late, within the 5 min allowed lateness: alice's session again, corrected
  click("dave", "/home", m(50)), // watermark 49:49.999: alice's session is gone for good
  click("alice", "/late-page", m(10)), // beyond the allowed lateness: to clicks.late
];

const session = (userId: string, start: number, clicks: number, distinctPages: number, firstPage: string, lastPage: string, durationMs: number) => ({
  userId,
  sessionStart: start,
  clicks,
  distinctPages,
  firstPage,
  lastPage,
  durationMs,
});

/** A run starts a JVM with a MiniCluster, and the first may rebuild the harness jar with Maven. */
const TEST_KIT_TIMEOUT_MS = 600_000;

describe("pipelines/clickstream-sessions.ts", () => {
  test("30-minute sessions per user with out-of-order clicks, a late click that corrects its session and one beyond the allowed lateness", async () => {
    const result = await testPipeline(clickstreamSessions).input(clickSource, CLICKS).run();

    // Sessions close in the order of their ends; each is emitted when it closes and again for each
    // late click it takes in.
    expect(result.sink("sessions")).toEqual([
      session("bob", m(2), 1, 1, "/home", "/home", 0), // ends 0:32
      session("alice", m(0), 4, 3, "/home", "/products", 5 * 60_000), // ends 0:35
      session("alice", m(0), 5, 4, "/home", "/checkout", 6 * 60_000), // the late /checkout stretched it to 0:36
      session("bob", m(40), 1, 1, "/pricing", "/pricing", 0), // ends 1:10, when the input ends
      session("dave", m(50), 1, 1, "/home", "/home", 0), // ends 1:20
    ]);
    expect(result.sink("clicks.late")).toEqual([click("alice", "/late-page", m(10))]);
    expect(result.deadLetters(clickSource)).toEqual([]);
  }, TEST_KIT_TIMEOUT_MS);
});
