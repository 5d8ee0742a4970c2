import * as path from "node:path";
import fc from "fast-check";
import { Project, SyntaxKind, ts } from "ts-morph";
import { describe, expect, test } from "vitest";
import { testPipeline } from "tsflink/testing";
import { compilePipeline } from "../../src/compile.js";
import { state } from "../../src/api/state.js";
import type { GraphNode, JobGraph, ProcessNode } from "../../src/ir/graph-nodes.js";
import type { IrType, NamedTypeDef } from "../../src/ir/ir-types.js";

// Differential test: the JVM runs the compiled job graph on a MiniCluster, Node runs the user's own
// arrow functions (cut out of the pipeline's source at the locations the graph records), both on
// the same records, and every output field must be identical — no tolerance. One test-kit run per
// pipeline: the JVM start dominates, so every construct and every record goes through one job.

/** The pipelines compared: each a chain of filters and maps from one source to one sink. */
const PIPELINES = ["constructs.pipeline.ts", "language.pipeline.ts", "operators.pipeline.ts"].map((name) => path.join(import.meta.dirname, name));
const SOURCE = "samples";
const SEED = 20_261_124;
const GENERATED = 2_000;

type UserFunction = (...args: unknown[]) => unknown;
type Row = Record<string, unknown>;

describe("differential: compiled functions on the JVM against the same functions in Node", () => {
  test.each(PIPELINES.map((file) => [path.basename(file), file]))("%s: every construct, generated and edge records", async (_, file) => {
    const compiled = compilePipeline(file);
    if (!compiled.graph) throw new Error(compiled.report);
    const graph = compiled.graph;
    const records = [...EDGE_RECORDS, ...fc.sample(sampleArbitrary, { seed: SEED, numRuns: GENERATED })].map((r, id) => ({ ...r, id }));

    const result = await testPipeline(file).input(SOURCE, records).run();
    const oracle = nodeOracle(file, graph, records);
    expect(result.deadLetters(SOURCE)).toEqual([]);

    for (const sink of graph.nodes.filter((n) => n.kind === "kafka-sink")) {
      const jvm = result.sink(sink.id);
      const js = oracle.get(sink.id)!;
      expect(idsOf(jvm), `sink '${sink.id}': the same records, in the same order`).toEqual(idsOf(js));
      expect(report(compare(js, jvm, records)), `sink '${sink.id}': JVM output differs from Node's`).toEqual([]);
      // The edge records exercise every construct; this keeps a filter change from silently
      // dropping most of the comparison.
      expect(jvm.length, `sink '${sink.id}' compares too few records`).toBeGreaterThan(records.length / 2);
    }
  });
});

// ---- the oracle: the pipeline's own functions, run by Node ----

/**
 * Runs the whole graph in Node, node by node in topological order, on the records as JavaScript
 * holds them after `JSON.parse` (optional fields absent, `T | null` fields null): filters, maps and
 * flatMaps compose the user's functions as the program does; `reduce` and `process` keep per-key
 * state as the API describes (parallelism 1 keeps arrival order). Each sink's records are written as
 * the JSON sink does: `JSON.stringify`, `null` for absent optionals.
 */
function nodeOracle(file: string, graph: JobGraph, records: readonly object[]): Map<string, Row[]> {
  const functions = userFunctions(file, graph.nodes);
  const outputs = new Map<string, unknown[]>();
  const sinks = new Map<string, Row[]>();
  for (const node of graph.nodes) {
    const input = outputs.get(node.inputs[0] ?? "") ?? [];
    const user = functions.get(node.id);
    switch (node.kind) {
      case "kafka-source":
        outputs.set(node.id, records.map((r) => asParsed(r, node.outputType, graph.types)));
        break;
      case "filter":
        outputs.set(node.id, input.filter((v) => Boolean(user!.fn!(v))));
        break;
      case "map":
        outputs.set(node.id, input.map((v) => user!.fn!(v)));
        break;
      case "flat-map":
        outputs.set(node.id, input.flatMap((v) => user!.fn!(v) as unknown[]));
        break;
      case "reduce":
        outputs.set(node.id, rollingReduce(input, user!));
        break;
      case "process":
        outputs.set(node.id, keyedProcess(input, user!, node));
        break;
      case "kafka-sink":
        sinks.set(node.id, input.map((v) => asDecoded(v, node.inputType, graph.types) as Row));
        break;
      default:
        throw new Error(`the oracle does not run '${node.kind}' nodes`);
    }
  }
  return sinks;
}

/** Flink's rolling reduce: a key's first record as it is, then `fn(previous, record)`. */
function rollingReduce(input: readonly unknown[], user: UserCode): unknown[] {
  const previous = new Map<unknown, unknown>();
  return input.map((v) => {
    const key = user.key!(v);
    const next = previous.has(key) ? user.fn!(previous.get(key), v) : v;
    previous.set(key, next);
    return next;
  });
}

interface ProcessSpec {
  state: Record<string, { kind: "value"; initial: unknown } | { kind: "map" }>;
  onElement(record: unknown, state: object, out: { emit(r: unknown): void }, ctx: object): void;
}

/**
 * `process` as the API describes it: per key, value states (reading their initial value until set;
 * Int/Long/Timestamp states keep what is written truncated toward zero, as `as Long` converts) and
 * map states (JavaScript `Map`s: SameValueZero keys, as the graph's map states).
 */
function keyedProcess(input: readonly unknown[], user: UserCode, node: ProcessNode): unknown[] {
  const spec = user.spec as ProcessSpec;
  const perKey = new Map<unknown, { values: Map<string, unknown>; maps: Map<string, Map<unknown, unknown>> }>();
  const out: unknown[] = [];
  for (const record of input) {
    const key = user.key!(record);
    let state = perKey.get(key);
    if (!state) perKey.set(key, (state = { values: new Map(), maps: new Map() }));
    const current = state;
    const view: Record<string, unknown> = {};
    for (const [name, declared] of Object.entries(spec.state)) {
      if (declared.kind === "map") {
        if (!current.maps.has(name)) current.maps.set(name, new Map());
        view[name] = current.maps.get(name);
        continue;
      }
      const type = node.state.find((s) => s.name === name)!.type;
      const integral = type === "int" || type === "long" || (typeof type === "object" && !Array.isArray(type) && "logicalType" in type);
      Object.defineProperty(view, name, {
        get: () => (current.values.has(name) ? current.values.get(name) : declared.initial),
        set: (v: unknown) => current.values.set(name, integral && typeof v === "number" ? Math.trunc(v) : v),
      });
    }
    spec.onElement(record, view, { emit: (r) => out.push(r) }, { key });
  }
  return out;
}

/** The user's code for one node: its function, its key function, or a `process` spec. */
interface UserCode {
  readonly fn?: UserFunction;
  readonly key?: UserFunction;
  readonly spec?: unknown;
}

/**
 * The user's code for every node with a location, taken from the source text at the call the
 * node records (and the `keyBy` before it), transpiled by TypeScript and evaluated with the
 * module's top-level `const`s and the API's `state` in scope, so Node runs exactly what the user wrote.
 */
function userFunctions(path: string, nodes: readonly GraphNode[]): Map<string, UserCode> {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(path);
  const entries: { id: string; role: "fn" | "key" | "spec"; text: string }[] = [];
  for (const node of nodes) {
    if (node.kind === "kafka-source" || node.kind === "kafka-sink") continue;
    const call = file.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => {
      const callee = c.getExpression();
      if (!callee.isKind(SyntaxKind.PropertyAccessExpression)) return false;
      const at = file.getLineAndColumnAtPos(callee.getNameNode().getStart());
      return at.line === node.location.line && at.column === node.location.column;
    });
    const argument = call?.getArguments()[0];
    if (!call || !argument) throw new Error(`no call at ${node.location.file}:${node.location.line}:${node.location.column} for node '${node.id}'`);
    entries.push({ id: node.id, role: node.kind === "process" ? "spec" : "fn", text: argument.getText() });
    if (node.kind === "reduce" || node.kind === "process") {
      const keyBy = call.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression().asKindOrThrow(SyntaxKind.CallExpression);
      entries.push({ id: node.id, role: "key", text: keyBy.getArguments()[0]!.getText() });
    }
  }
  const constants = file.getVariableStatements().map((s) => s.getText());
  const source = `function userFunctions(state) {\n${constants.join("\n")}\nreturn [\n${entries.map((e) => `(${e.text})`).join(",\n")}\n];\n}`;
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const values = new Function("state", `${js}\nreturn userFunctions(state);`)(state) as unknown[];
  const code = new Map<string, UserCode>();
  entries.forEach((e, i) => code.set(e.id, { ...code.get(e.id), [e.role]: values[i] }));
  return code;
}

/** A value as the JSON sink writes it, with every absent optional field of a record `null`. */
function asDecoded(value: unknown, type: IrType, types: readonly NamedTypeDef[]): unknown {
  return withNulls(JSON.parse(JSON.stringify(value)) as unknown, type, types, "null");
}

/**
 * A source record as JavaScript holds it after `JSON.parse`: an optional field (`x?: T`, written
 * with an Avro default) that is null in the input is absent, a `T | null` field is null.
 */
function asParsed(value: unknown, type: IrType, types: readonly NamedTypeDef[]): unknown {
  return withNulls(JSON.parse(JSON.stringify(value)) as unknown, type, types, "absent");
}

function withNulls(value: unknown, type: IrType, types: readonly NamedTypeDef[], optional: "null" | "absent"): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(type)) {
    const present = type.find((t) => t !== "null");
    return present === undefined ? null : withNulls(value, present, types, optional);
  }
  if (typeof type === "object" && "type" in type && type.type === "array") {
    return (value as unknown[]).map((item) => withNulls(item, type.items, types, optional));
  }
  if (typeof type === "object" && "type" in type && type.type === "map") {
    return Object.fromEntries(Object.entries(value as Row).map(([k, v]) => [k, withNulls(v, type.values, types, optional)]));
  }
  if (typeof type !== "string") return value;
  const named = types.find((t) => t.name === type);
  if (named?.type !== "record") return value;
  const row = value as Row;
  const entries = named.fields.map((f) => [f.name, withNulls(row[f.name], f.type, types, optional)] as const);
  return Object.fromEntries(entries.filter(([name, v]) => !(v === null && optional === "absent" && named.fields.find((f) => f.name === name)?.default === null)));
}

// ---- comparison ----

interface Mismatch {
  readonly id: number;
  readonly field: string;
  readonly js: unknown;
  readonly jvm: unknown;
  readonly input: object;
}

/** Records in order by their `id` (and `tag`, which the operators pipeline's flatMap adds). */
const idsOf = (rows: readonly Row[]): unknown[] => rows.map((r) => (r.tag === undefined ? r.id : `${String(r.id)}:${String(r.tag)}`));

function compare(js: readonly Row[], jvm: readonly Row[], records: readonly { id: number }[]): Mismatch[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const mismatches: Mismatch[] = [];
  for (const [i, expected] of js.entries()) {
    const actual = jvm[i];
    if (!actual) continue;
    for (const field of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      if (!identical(expected[field], actual[field])) {
        mismatches.push({ id: expected.id as number, field, js: expected[field], jvm: actual[field], input: byId.get(expected.id as number) ?? {} });
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
    const examples = ms.slice(0, 3).map((m) => `\n  record ${m.id}: Node ${show(m.js)}, JVM ${show(m.jvm)}; input ${show(m.input)}`);
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
  .map(({ strings: { s, t }, ...rest }) => ({ ...rest, s, t }));

const BASE = {
  a: 1, b: 2, s: "abc", t: "b", count: 5, total: 10, at: 1_700_000_000_000, flag: true, tags: ["x"], scores: [1.5],
  referrer: null, counters: { clicks: 3 },
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
  { ...BASE, s: "", t: "" },
  { ...BASE, s: "😀", t: "\uffff" },
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
