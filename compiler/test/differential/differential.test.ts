import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import { compilePipeline } from "../../src/compile.js";
import { nodeOracle, type Row, type SinkOrder } from "./oracle.js";
import { joinInputs, windowEvents } from "./timed-inputs.js";

// Differential test: the JVM runs the compiled job graph on a MiniCluster, Node runs the user's own
// arrow functions (cut out of the pipeline's source at the locations the graph records), both on
// the same records, and every output field must be identical — no tolerance. One test-kit run per
// pipeline: the JVM start dominates, so every construct and every record goes through one job.

const SEED = 20_261_124;
const GENERATED = 2_000;

/** The pipelines compared, with the records of each source. */
const PIPELINES: readonly { file: string; inputs: () => Map<string, object[]> }[] = [
  ...["constructs.pipeline.ts", "language.pipeline.ts", "operators.pipeline.ts"].map((file) => ({
    file,
    inputs: () => new Map([["samples", [...EDGE_RECORDS, ...fc.sample(sampleArbitrary, { seed: SEED, numRuns: GENERATED })].map((r, id) => ({ ...r, id }))]]),
  })),
  { file: "windows.pipeline.ts", inputs: () => new Map([["events", windowEvents(SEED, GENERATED)]]) },
  {
    file: "joins.pipeline.ts",
    inputs: () => {
      const { views, buys } = joinInputs(SEED, GENERATED);
      return new Map([["views", views], ["buys", buys]]);
    },
  },
];

describe("differential: compiled functions on the JVM against the same functions in Node", () => {
  test.each(PIPELINES.map((p) => [p.file, p]))("%s: every construct, generated and edge records", async (_, pipeline) => {
    const file = path.join(import.meta.dirname, pipeline.file);
    const compiled = compilePipeline(file);
    if (!compiled.graph) throw new Error(compiled.report);
    const inputs = pipeline.inputs();
    const records = [...inputs.values()].flat() as { id: number }[];

    let run = testPipeline(file);
    for (const [source, sourceRecords] of inputs) run = run.input(source, sourceRecords);
    const result = await run.run();
    const oracle = nodeOracle(file, compiled.graph, inputs);
    for (const source of inputs.keys()) expect(result.deadLetters(source)).toEqual([]);

    for (const [sink, { rows, order }] of oracle) {
      const late = sink.endsWith("#late");
      const jvm = inOrder(result.sink(sink), order);
      const js = inOrder(rows, order);
      if (order === "arrival") expect.soft(idsOf(jvm), `sink '${sink}': the same records, in the same order`).toEqual(idsOf(js));
      else expect.soft(countsBy(jvm, order), `sink '${sink}': as many records of each key`).toEqual(countsBy(js, order));
      expect.soft(report(compare(js, jvm, records)), `sink '${sink}': JVM output differs from Node's`).toEqual([]);
      // The edge records exercise every construct; this keeps a filter change (or windows that
      // take no records) from silently dropping most of the comparison.
      const enough = order === "arrival" && !late ? records.length / 2 : late ? 2 : 100;
      expect.soft(jvm.length, `sink '${sink}' compares too few records`).toBeGreaterThan(enough);
      console.log(`${pipeline.file}: sink '${sink}' compared ${jvm.length} records`);
    }
  });
});

// ---- comparison ----

interface Mismatch {
  /** The output record: its input's `id` where it has one, else its position in the compared order. */
  readonly at: string;
  readonly field: string;
  readonly js: unknown;
  readonly jvm: unknown;
  readonly input: object;
}

/** Records in order by their `id` (and `tag`, which the operators pipeline's flatMap adds). */
const idsOf = (rows: readonly Row[]): unknown[] => rows.map((r) => (r.tag === undefined ? r.id : `${String(r.id)}:${String(r.tag)}`));

/** A record as text that tells apart everything `identical` does, with its fields in name order. */
const canonical = (row: Row): string => show(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/** What orders a sink's records where Flink defines only part of the order (see `SinkOrder`). */
const groupOf = (order: SinkOrder) => (row: Row): string => (order === "per-key" ? show(row.k) : canonical(row));

/** How many records a sink has of each key (of each record, where Flink defines no order at all). */
function countsBy(rows: readonly Row[], order: SinkOrder): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const group of rows.map(groupOf(order))) counts[group] = (counts[group] ?? 0) + 1;
  return counts;
}

/**
 * A sink's records in the order both sides are compared in: as they arrived where Flink defines
 * that order; else sorted by the part of each record that Flink's order leaves open (the window
 * key, or the whole record), stably, so the order Flink does define (a key's windows) still counts.
 */
function inOrder(rows: readonly Row[], order: SinkOrder): Row[] {
  if (order === "arrival") return [...rows];
  const group = groupOf(order);
  return rows.map((row) => ({ row, by: group(row) })).sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0)).map((r) => r.row);
}

function compare(js: readonly Row[], jvm: readonly Row[], records: readonly { id: number }[]): Mismatch[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const mismatches: Mismatch[] = [];
  for (const [i, expected] of js.entries()) {
    const actual = jvm[i];
    if (!actual) continue;
    const input = typeof expected.id === "number" ? byId.get(expected.id) : undefined;
    for (const field of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!identical(expected[field], actual[field])) {
        const at = input ? `record ${String(expected.id)}` : `output ${i} ${canonical(expected)}`;
        mismatches.push({ at, field, js: expected[field], jvm: actual[field], input: input ?? {} });
      }
    }
  }
  return mismatches;
}

/** Deep equality where `-0` and `0` differ: the sink must write `0` for `-0`, as JSON.stringify does. */
function identical(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => identical(x, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => identical((a as Row)[k], (b as Row)[k]));
  }
  return Object.is(a, b);
}

/** One line per mismatching field: how many records, and the first three in full. */
function report(mismatches: readonly Mismatch[]): string[] {
  const byField = new Map<string, Mismatch[]>();
  for (const m of mismatches) byField.set(m.field, [...(byField.get(m.field) ?? []), m]);
  return [...byField].map(([field, ms]) => {
    const examples = ms.slice(0, 3).map((m) => `\n  ${m.at}: Node ${show(m.js)}, JVM ${show(m.jvm)}; input ${show(m.input)}`);
    return `field '${field}' differs in ${ms.length} record(s):${examples.join("")}`;
  });
}

/** JSON with every non-ASCII code unit escaped and `-0` visible, so invisible differences show. */
function show(value: unknown): string {
  if (Object.is(value, -0)) return "-0";
  return (JSON.stringify(value) ?? "undefined").replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// ---- inputs ----

/** Strings that JavaScript and Java treat differently when they are careless: case, whitespace, UTF-16. */
const TRICKY_UNITS = [
  "a", "A", "x", "ß", "İ", "ı", "Σ", "ς", "ǅ", "ﬀ", "\u0301", "😀", "𐐷", "\uffff", "\u00e9",
  " ", "\t", "\n", "\u000b", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff",
  "\u0085", "\u180e", "\u200b", "\u0000",
];

const string = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.string({ unit: fc.constantFrom(...TRICKY_UNITS), maxLength: 6 }),
  fc.constantFrom("", "x", "p:", "anonymous", "ΑΣ", "straße", "İstanbul", " \u00a0trim\ufeff "),
);

/** Doubles JSON can carry (no NaN, no infinities, and -0 arrives as 0); the functions make those. */
const double = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, 1, -1, 0.1, 0.5, -2.5, 7, -7, 1e21, 1e-7, 123e-20, 2 ** 53, 5e-324, Number.MAX_VALUE, 1 / 3, 0.000001, 999999999999999900000),
);

const int = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, -(2 ** 31), 2 ** 31 - 1, 3, -3));
const long = fc.oneof(fc.maxSafeInteger(), fc.constantFrom(0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 31));
const timestamp = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 });

/** `t` is often a prefix, suffix or copy of `s`, so includes/startsWith/endsWith are not always false. */
const strings = fc.tuple(string, string, fc.constantFrom("free", "prefix", "suffix", "same"), fc.nat()).map(([s, other, relation, cut]) => {
  const at = s.length === 0 ? 0 : cut % (s.length + 1);
  const t = relation === "prefix" ? s.slice(0, at) : relation === "suffix" ? s.slice(at) : relation === "same" ? s : other;
  return { s, t };
});

const METHODS = ["CARD", "WIRE", "CASH"] as const;

const sampleArbitrary = fc
  .record({
    a: double,
    b: double,
    strings,
    nick: fc.option(string, { nil: undefined }),
    inner: fc.option(
      fc.record({ label: string, note: fc.option(string, { nil: undefined }), weight: fc.option(double, { nil: undefined }) }, { requiredKeys: ["label"] }),
      { nil: undefined },
    ),
    count: int,
    total: long,
    at: timestamp,
    flag: fc.boolean(),
    tags: fc.array(string, { maxLength: 4 }),
    scores: fc.array(double, { maxLength: 4 }),
    referrer: fc.option(string, { nil: null }),
    counters: fc.dictionary(fc.oneof(string, fc.constantFrom("clicks", "views", "x", "p:")), int, { maxKeys: 4 }),
  }, { requiredKeys: ["a", "b", "strings", "count", "total", "at", "flag", "tags", "scores", "referrer", "counters"] })
  // The enum is derived, not drawn, so adding it left every other generated value as it was.
  .map(({ strings: { s, t }, ...rest }) => ({ ...rest, s, t, method: METHODS[((rest.count % 3) + 3) % 3]! }));

const BASE = {
  a: 1, b: 2, s: "abc", t: "b", count: 5, total: 10, at: 1_700_000_000_000, flag: true, tags: ["x"], scores: [1.5],
  referrer: null, counters: { clicks: 3 }, method: "CARD",
};

/** Hand-picked records: each targets a construct's edge, whatever the generator happens to produce. */
const EDGE_RECORDS: object[] = [
  BASE,
  { ...BASE, a: 0, b: 0 },
  { ...BASE, a: -0.5, b: 0 },
  { ...BASE, a: -7, b: 3, count: -7 },
  { ...BASE, a: 7, b: -3, count: -(2 ** 31) },
  { ...BASE, a: 1e21, b: 1e-7 },
  { ...BASE, a: 123456789012345680000, b: 1e-6 },
  { ...BASE, a: 5e-324, b: Number.MAX_VALUE },
  { ...BASE, a: 0.1, b: 0.2 },
  { ...BASE, a: 1, b: 3 },
  { ...BASE, a: 2 ** 53, b: 1, total: 2 ** 53 - 1, count: 2 ** 31 - 1 },
  { ...BASE, s: "", t: "", method: "WIRE" },
  { ...BASE, s: "😀", t: "\uffff", method: "CASH" },
  { ...BASE, s: "\uffff", t: "😀" },
  { ...BASE, s: "e\u0301", t: "\u00e9" },
  { ...BASE, s: "straße", t: "SS" },
  { ...BASE, s: "İ", t: "i" },
  { ...BASE, s: "ΑΣ ΟΔΟΣ", t: "Σ" },
  { ...BASE, s: "ǅ ﬀ", t: "ﬀ" },
  { ...BASE, s: " \u00a0\ufeff\u2028x\u3000\t", t: "\u0085x\u180e" },
  { ...BASE, s: "\u200bx\u200b", t: "\u0000" },
  { ...BASE, nick: "", inner: { label: "" } },
  { ...BASE, nick: "xavier", inner: { label: "😀😀", note: " \u00a0note\ufeff", weight: 0 } },
  { ...BASE, nick: "Anna", inner: { label: "l", note: "", weight: -0.5 } },
  { ...BASE, tags: [], scores: [] },
  { ...BASE, tags: ["", ""], scores: [0, 1e21, 1e-7, -1.5] },
  { ...BASE, at: 0, total: -1, count: 0 },
  { ...BASE, at: -1, total: 0, count: -1 },
  { ...BASE, flag: false, a: 0, s: "" },
  { ...BASE, s: "\u{10570}\u{105a1}\u0264", nick: "\u{10d70}" },
  { ...BASE, referrer: "https://example.com", counters: {}, s: "a,b,,c", t: "1f" },
  { ...BASE, counters: { views: -1, "": 0, b: 7 }, t: "views", s: " 12px", tags: ["a", "bb", "ccc", "b"] },
  { ...BASE, t: "toString", counters: { toString: 1 }, s: "0x1A" },
  { ...BASE, t: "constructor", s: "1e3", a: 2.5, b: -2.5, scores: [0, -0.5, 3, -7.25, 7] },
  { ...BASE, a: 3, b: 3, flag: false, s: "same" },
  { ...BASE, tags: Array.from({ length: 12 }, (_, i) => `t${i}`), nick: undefined },
  { ...BASE, scores: [1, 2, 3, 4, 5], count: 4, a: 1.5, inner: { label: "w", weight: 2.5 } },
  { ...BASE, counters: { b: 1, "2": 2, "1": 3, "01": 4, "4294967295": 5, "-1": 6, "4294967294": 7 }, t: "1" },
];
