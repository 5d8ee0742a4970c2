import { describe, expect, test } from "vitest";
import { testPipeline, type DeadLetter } from "tsflink/testing";
import deadLetters, { limits, readings } from "./cases/op-dead-letters/pipeline.js";

// compiler/test/cases/op-dead-letters: each operator kind's function fails for one record (pair,
// timer) of several. The pipeline declares a deadLetter; the test kit reports the same dead
// letters without one (TestKitMain collects them always, as DeadLettersITCase shows on the JVM).

const TEST_KIT_TIMEOUT_MS = 600_000;
/** Minute-aligned, so the readings share one tumbling window. */
const T = 1_699_999_980_000;
const FILE = "compiler/test/cases/op-dead-letters/pipeline.ts";

/** A reading no operator fails on, but for `bad`. */
const reading = (id: string, sensor: string, at: number, bad: object = {}) =>
  ({ id, sensor, at: T + at, f: 2, m: 1, note: "x" as string | undefined, k: 1, w: 1, j: 1, p: 1, ...bad });

const letter = (operator: string, node: string, at: string, reason: string, record: object): DeadLetter => ({
  node, operator: operator as DeadLetter["operator"], location: `${FILE}:${at}`, reason, value: Buffer.from(JSON.stringify(record)),
  record: record as Record<string, unknown>,
});

describe("testPipeline: operator failures are dead letters", () => {
  test("every operator's failed record, pair or timer is in deadLetters(), with node, location and reason", async () => {
    const r = [
      reading("r1", "s1", 0),
      reading("r2", "s1", 1000, { f: -1 }),
      reading("r3", "s1", 2000, { m: 1e10 }),
      reading("r4", "s1", 3000, { note: undefined }),
      reading("r5", "s1", 4000, { k: 0 }),
      reading("r6", "s1", 5000, { w: 1e10 }),
      reading("r7", "s1", 6000, { j: 1e10 }),
      reading("r8", "s2", 7000, { p: 1e10 }),
      reading("r9", "s3", 8000),
    ];
    const l = [{ sensor: "s1", max: 1, cap: 1, at: T + 500 }, { sensor: "s3", max: 1, cap: 1e10, at: T + 600 }];
    const result = await testPipeline(deadLetters).input(readings, r).input(limits, l).run();

    // As a sink writes JSON: an absent optional is null.
    const json = (x: (typeof r)[number]) => ({ ...x, note: x.note ?? null });
    const [r1, r2, r3, r4, r5, r6, r7, r8, r9] = r.map(json);
    const outOfRange = (n: string) => `${n} is outside the int range`;
    expect(result.deadLetters()).toEqual([
      letter("filter", "repeated", "36:22", "fn.body.left.target: RangeError: Invalid count value: -1", r2!),
      letter("map", "milli", "38:19", `fn.body.fields[1].value: ${outOfRange("10000000000000")}`, r3!),
      letter("flat-map", "notes", "40:19", "fn.body.items[0].fields[1].value: value is null", r4!),
      letter("reduce", "ratios", "42:44", "key.body: NaN cannot be a key", r5!),
      letter("window-aggregate", "sums", "46:6", `aggregates[1].fn.body: ${outOfRange("10000000000")}`, r6!),
      letter("interval-join", "over", "49:6", `fn.body.fields[1].value: ${outOfRange("10000000000")}`, { left: r7, right: l[0] }),
      letter("window-join", "windowed", "52:6", `fn.body.fields[1].value: ${outOfRange("10000000000")}`, { left: r9, right: l[1] }),
      letter("process", "flags", "53:42", `onElement.body[0].value.fields[1].value: ${outOfRange("10000000000")}`, r8!),
      letter("process", "flags", "53:42", "onTimer.body[0].value.fields[1].value: cannot convert Infinity to int", { key: "s3", timer: T + 9000 }),
    ]);
    expect(result.deadLetters("flags").map((d) => d.record)).toEqual([r8, { key: "s3", timer: T + 9000 }]);
    expect(result.deadLetters(readings)).toEqual([]);

    // The other records went on.
    expect(result.sink("repeated")).toEqual([r1, r3, r4, r5, r6, r7, r8, r9]);
    expect(result.sink("milli")).toEqual(["r1", "r2", "r4", "r5", "r6", "r7", "r8", "r9"].map((id) => ({ id, milli: 1000 })));
    expect(result.sink("notes")).toEqual(["r1", "r2", "r3", "r5", "r6", "r7", "r8", "r9"].map((id) => ({ id, note: "x" })));
    expect(result.sink("ratios")).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({ ...r1, k })));
    expect(result.sink("sums").sort((a, b) => String(a.sensor).localeCompare(String(b.sensor)))).toEqual([
      { sensor: "s1", total: 6 }, { sensor: "s2", total: 1 }, { sensor: "s3", total: 1 },
    ]);
    expect(result.sink("over").sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual(
      ["r1", "r2", "r3", "r4", "r5", "r6", "r9"].map((id) => ({ id, excess: 1 })),
    );
    expect(result.sink("windowed")).toEqual(["r1", "r2", "r3", "r4", "r5", "r6", "r7"].map((id) => ({ id, cap: 1 })));
    expect(result.sink("flags").filter((f) => f.sensor === "s3")).toEqual([{ sensor: "s3", count: 1 }]);
    // s1's seven records and their seven timers.
    expect(result.sink("flags").filter((f) => f.sensor === "s1")).toEqual(Array.from({ length: 14 }, () => ({ sensor: "s1", count: 1 })));
  }, TEST_KIT_TIMEOUT_MS);
});
