import { Project, SyntaxKind, ts, type CallExpression, type Node as AstNode } from "ts-morph";
import { state } from "../../src/api/state.js";
import type {
  GraphNode, IntervalJoinNode, JobGraph, KafkaSourceNode, ProcessNode, WindowAggregateNode, WindowJoinNode, WindowSpec,
} from "../../src/ir/graph-nodes.js";
import type { IrType, NamedTypeDef } from "../../src/ir/ir-types.js";
import { exactSum } from "./exact-sum.js";

// The Node side of the differential test: the pipeline's own functions, cut out of its source and
// run by Node, composed as the job graph composes them. Filters, maps and the rest of the
// per-record operators are JavaScript itself; windows and joins are modelled here on Flink's
// event-time rules as the test kit drives them (below), with every key, aggregated value and join
// result computed by the user's function.

type UserFunction = (...args: unknown[]) => unknown;
export type Row = Record<string, unknown>;

/**
 * How far the order of a sink's records is defined. `arrival`: Flink keeps it (one subtask, every
 * operator on the way keeps the order of its input). `per-key`: the records of one window key come
 * in a defined order (a key's windows fire in the order of their ends, a late record re-fires its
 * windows at once), but keys whose windows fire on the same watermark come in the order of Flink's
 * timer heap, which nothing defines; the records carry their key in `k`. `none`: a join emits a
 * pair when the later of its records arrives, and a union or a join merges two inputs whose records
 * interleave as the network delivers them, so only the multiset of records is defined.
 */
export type SinkOrder = "arrival" | "per-key" | "none";

export interface SinkOutput {
  readonly rows: Row[];
  readonly order: SinkOrder;
}

/** A record with its Flink timestamp. */
interface Timed {
  readonly value: unknown;
  readonly ts: number;
}

/** A record or a watermark: what flows between operators. */
type StreamEvent = Timed | { readonly watermark: number };

interface Stream {
  readonly events: readonly StreamEvent[];
  readonly order: SinkOrder;
  /** Whether `events` holds the watermarks as Flink delivers them; false after a two-input node. */
  readonly timed: boolean;
}

const isRecord = (e: StreamEvent): e is Timed => !("watermark" in e);

/**
 * Runs the whole graph in Node, node by node in topological order, on the records as JavaScript
 * holds them after `JSON.parse` (optional fields absent, `T | null` fields null). Each sink's
 * records are written as the JSON sink does: `JSON.stringify`, `null` for absent optionals. A
 * window's late sink is reported under `<window id>#late`, as the test kit names it.
 */
export function nodeOracle(file: string, graph: JobGraph, inputs: ReadonlyMap<string, readonly object[]>): Map<string, SinkOutput> {
  const functions = userFunctions(file, graph.nodes);
  const streams = new Map<string, Stream>();
  const sinks = new Map<string, SinkOutput>();
  const decoded = (events: readonly StreamEvent[], type: IrType): Row[] =>
    events.filter(isRecord).map((e) => asDecoded(e.value, type, graph.types) as Row);
  for (const node of graph.nodes) {
    const input = streams.get(node.inputs[0] ?? "") ?? { events: [], order: "arrival", timed: true };
    const user = functions.get(node.id) ?? {};
    const perRecord = (fn: (value: unknown, ts: number) => unknown[]): Stream => ({
      ...input,
      events: input.events.flatMap((e): StreamEvent[] => (isRecord(e) ? fn(e.value, e.ts).map((value) => ({ value, ts: e.ts })) : [e])),
    });
    switch (node.kind) {
      case "kafka-source":
        streams.set(node.id, source(node, inputs.get(node.id) ?? [], graph.types));
        break;
      case "filter":
        streams.set(node.id, perRecord((v) => (user.fn!(v) ? [v] : [])));
        break;
      case "map":
        streams.set(node.id, perRecord((v) => [user.fn!(v)]));
        break;
      case "flat-map":
        streams.set(node.id, perRecord((v) => user.fn!(v) as unknown[]));
        break;
      case "reduce":
        streams.set(node.id, perRecord(rollingReduce(user)));
        break;
      case "process":
        streams.set(node.id, perRecord(keyedProcess(user, node)));
        break;
      case "window-aggregate": {
        const { out, late } = windowAggregate(node, input, user);
        streams.set(node.id, out);
        if (node.late) sinks.set(`${node.id}#late`, { rows: decoded(late, node.key.params[0]!.type), order: "arrival" });
        break;
      }
      case "interval-join":
        streams.set(node.id, intervalJoin(node, joinInputs(node, streams), user));
        break;
      case "window-join":
        streams.set(node.id, windowJoin(node, joinInputs(node, streams), user));
        break;
      case "union":
        streams.set(node.id, { events: node.inputs.flatMap((id) => streams.get(id)!.events.filter(isRecord)), order: "none", timed: false });
        break;
      case "kafka-sink":
        sinks.set(node.id, { rows: decoded(input.events, node.inputType), order: input.order });
        break;
      default:
        throw new Error(`the oracle does not run '${node.kind}' nodes`);
    }
  }
  return sinks;
}

// ---- sources and the test kit's watermarks ----

/**
 * A source as the test kit runs it: the records in input order, each with its event time when the
 * source declares one, followed by the watermark `PerRecordWatermarks` emits after every record
 * that raises the largest timestamp so far (that timestamp − maxOutOfOrderness − 1). The bounded
 * source's end is the final watermark, which fires every window still open.
 */
function source(node: KafkaSourceNode, records: readonly object[], types: readonly NamedTypeDef[]): Stream {
  const events: StreamEvent[] = [];
  let largest = -Infinity;
  for (const record of records) {
    const value = asParsed(record, node.outputType, types);
    const ts = node.eventTime ? ((value as Row)[node.eventTime.field] as number) : NaN;
    events.push({ value, ts });
    if (node.eventTime && ts > largest) {
      largest = ts;
      events.push({ watermark: ts - node.eventTime.maxOutOfOrdernessMs - 1 });
    }
  }
  events.push({ watermark: Infinity });
  return { events, order: "arrival", timed: true };
}

// ---- keyed operators of one input ----

/** Flink's rolling reduce: a key's first record as it is, then `fn(previous, record)`. */
function rollingReduce(user: UserCode): (record: unknown) => unknown[] {
  const previous = new Map<unknown, unknown>();
  return (record) => {
    const key = user.key!(record);
    const next = previous.has(key) ? user.fn!(previous.get(key), record) : record;
    previous.set(key, next);
    return [next];
  };
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
function keyedProcess(user: UserCode, node: ProcessNode): (record: unknown) => unknown[] {
  const spec = user.spec as ProcessSpec;
  const perKey = new Map<unknown, { values: Map<string, unknown>; maps: Map<string, Map<unknown, unknown>> }>();
  return (record) => {
    const out: unknown[] = [];
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
    return out;
  };
}

// ---- windows ----

interface Window {
  readonly start: number;
  readonly end: number;
}

interface Item {
  readonly value: unknown;
  readonly ts: number;
  /** Arrival position at the operator: the order first/last break ties by. */
  readonly seq: number;
}

/** Flink's window start for `ts`: aligned to the epoch, also for negative times. */
const alignedStart = (ts: number, size: number): number => ts - (((ts % size) + size) % size);

/**
 * The windows Flink's assigner gives a record, in its order: a tumbling window; the sliding
 * windows from the latest start down; a session's own `[ts, ts + gap)` before merging.
 */
function assign(window: WindowSpec, ts: number): Window[] {
  switch (window.kind) {
    case "tumbling": {
      const start = alignedStart(ts, window.sizeMs);
      return [{ start, end: start + window.sizeMs }];
    }
    case "sliding": {
      const windows: Window[] = [];
      for (let start = alignedStart(ts, window.slideMs); start > ts - window.sizeMs; start -= window.slideMs) {
        windows.push({ start, end: start + window.sizeMs });
      }
      return windows;
    }
    case "session":
      return [{ start: ts, end: ts + window.gapMs }];
  }
}

/** Flink's `TimeWindow.intersects`: windows that only touch merge, so records exactly a gap apart share a session. */
const touches = (a: Window, b: Window): boolean => a.start <= b.end && a.end >= b.start;

/**
 * Flink's `WindowOperator` with its default `EventTimeTrigger`, per key: a record goes to each of
 * its windows that is not late (`end − 1 + allowedLateness ≤ watermark`), session windows first
 * merging with every window they touch; a window fires when the watermark reaches `end − 1` and
 * again at once for each record added after that, and its state is dropped when the watermark
 * reaches `end − 1 + allowedLateness`. A record none of whose windows take it is late. Timers fire
 * in the order of their times; a watermark goes on downstream after the timers it fires.
 */
function windowAggregate(node: WindowAggregateNode, input: Stream, user: UserCode): { out: Stream; late: StreamEvent[] } {
  if (!input.timed) throw new Error(`window '${node.id}': after a join or union, which records are late depends on how the inputs interleave`);
  const lateness = node.allowedLatenessMs;
  const merging = node.window.kind === "session";
  const windows = new Map<unknown, Map<string, Window & { items: Item[] }>>();
  const timers = new Map<string, { time: number; key: unknown; window: Window }>();
  const out: StreamEvent[] = [];
  const late: StreamEvent[] = [];
  let watermark = -Infinity;
  let seq = 0;
  const id = (w: Window): string => `${w.start}/${w.end}`;
  const timer = (key: unknown, window: Window, time: number): void => {
    timers.set(`${String(typeof key)}:${String(key)}|${id(window)}|${time}`, { time, key, window });
  };
  const fire = (key: unknown, window: Window & { items: Item[] }): void => {
    out.push({ value: aggregateResult(node, user, key, window), ts: window.end - 1 });
  };

  for (const event of input.events) {
    if (!isRecord(event)) {
      if (event.watermark <= watermark) continue;
      watermark = event.watermark;
      const due = [...timers].filter(([, t]) => t.time <= watermark).sort(([, a], [, b]) => a.time - b.time);
      for (const [name, t] of due) {
        timers.delete(name);
        const state = windows.get(t.key)?.get(id(t.window));
        if (!state) continue;
        if (t.time === t.window.end - 1) fire(t.key, state);
        if (t.time === t.window.end - 1 + lateness) windows.get(t.key)!.delete(id(t.window));
      }
      out.push(event);
      continue;
    }
    const key = user.key!(event.value);
    const own = windows.get(key) ?? new Map<string, Window & { items: Item[] }>();
    windows.set(key, own);
    const item = { value: event.value, ts: event.ts, seq: seq++ };
    let taken = false;
    for (const assigned of assign(node.window, event.ts)) {
      let window = assigned;
      let items: Item[] = [];
      if (merging) {
        for (let grew = true; grew; ) {
          grew = false;
          for (const other of own.values()) {
            if (!touches(window, other)) continue;
            window = { start: Math.min(window.start, other.start), end: Math.max(window.end, other.end) };
            items = [...items, ...other.items];
            own.delete(id(other));
            grew = true;
          }
        }
      } else {
        items = own.get(id(window))?.items ?? [];
      }
      if (window.end - 1 + lateness <= watermark) continue;
      taken = true;
      const state = { ...window, items: [...items, item].sort((a, b) => a.seq - b.seq) };
      own.set(id(window), state);
      if (window.end - 1 <= watermark) fire(key, state);
      else timer(key, window, window.end - 1);
      timer(key, window, window.end - 1 + lateness);
    }
    if (!taken) late.push(event);
  }
  return { out: { events: out, order: "per-key", timed: true }, late };
}

/**
 * One window's output record: each aggregate over the window's records. Sums are exact, rounded
 * once (see exact-sum.ts), so the order Flink combines a merged session's partial sums in does not
 * show; first/last take the smallest/largest timestamp, ties in arrival order.
 */
function aggregateResult(node: WindowAggregateNode, user: UserCode, key: unknown, window: Window & { items: Item[] }): Row {
  const row: Row = {};
  for (const a of node.aggregates) {
    const fn = user.aggregates?.get(a.name);
    const values = fn ? window.items.map((i) => fn(i.value)) : [];
    const byTime = (wins: (ts: number, best: number) => boolean, start: number): unknown => {
      let best = start;
      let chosen: unknown = null;
      window.items.forEach((item, i) => {
        if (wins(item.ts, best)) [best, chosen] = [item.ts, values[i]];
      });
      return chosen;
    };
    const sum = (): number => exactSum(values as number[]);
    row[a.name] = {
      count: () => window.items.length,
      sum,
      avg: () => sum() / window.items.length,
      min: () => (values as number[]).reduce((m, v) => Math.min(m, v), Infinity),
      max: () => (values as number[]).reduce((m, v) => Math.max(m, v), -Infinity),
      first: () => byTime((ts, best) => ts < best, Infinity),
      last: () => byTime((ts, best) => ts >= best, -Infinity),
      countDistinct: () => new Set(values).size,
      key: () => key,
      windowStart: () => window.start,
      windowEnd: () => window.end,
    }[a.op]();
  }
  return row;
}

// ---- joins ----

/**
 * A join's two inputs. Which records a two-input operator finds late depends on how the network
 * interleaves its inputs (its watermark is the smaller of theirs), so the oracle models joins only
 * where no record is behind its own input's watermark: then none is late at the join either, and
 * the result is the same however the inputs interleave.
 */
function joinInputs(node: GraphNode, streams: ReadonlyMap<string, Stream>): [Timed[], Timed[]] {
  const sides = node.inputs.map((inputId) => {
    const input = streams.get(inputId)!;
    if (!input.timed) throw new Error(`join '${node.id}': input '${inputId}' has no defined watermarks`);
    let watermark = -Infinity;
    const records: Timed[] = [];
    for (const e of input.events) {
      if (!isRecord(e)) watermark = Math.max(watermark, e.watermark);
      else if (e.ts <= watermark) throw new Error(`join '${node.id}': an input record of '${inputId}' at ${e.ts} is behind its watermark ${watermark}`);
      else records.push(e);
    }
    return records;
  });
  return [sides[0]!, sides[1]!];
}

/** Every pair with equal keys and `left.ts + lowerMs ≤ right.ts ≤ left.ts + upperMs`, stamped with the later time. */
function intervalJoin(node: IntervalJoinNode, [lefts, rights]: [Timed[], Timed[]], user: UserCode): Stream {
  const byKey = groupBy(rights, (r) => user.rightKey!(r.value));
  const events = lefts.flatMap((l) =>
    (byKey.get(user.leftKey!(l.value)) ?? [])
      .filter((r) => l.ts + node.lowerMs <= r.ts && r.ts <= l.ts + node.upperMs)
      .map((r) => ({ value: user.fn!(l.value, r.value), ts: Math.max(l.ts, r.ts) })),
  );
  return { events, order: "none", timed: false };
}

/**
 * For each key, its windows in the order they fire (by end), and in each window every left record
 * with every right one, each side in order of timestamps, ties in arrival order. No record is late
 * (see `joinInputs`), so a key's sessions are the ones all its records' windows end up merged into,
 * whatever the order.
 */
function windowJoin(node: WindowJoinNode, [lefts, rights]: [Timed[], Timed[]], user: UserCode): Stream {
  const tagged = [...lefts.map((r) => ({ ...r, left: true, key: user.leftKey!(r.value) })), ...rights.map((r) => ({ ...r, left: false, key: user.rightKey!(r.value) }))];
  const events: StreamEvent[] = [];
  for (const [, records] of groupBy(tagged, (r) => r.key)) {
    const windows = new Map<string, Window & { members: typeof tagged }>();
    for (const record of records) {
      for (const assigned of assign(node.window, record.ts)) {
        let window = assigned;
        let members = [record];
        for (let grew = node.window.kind === "session"; grew; ) {
          grew = false;
          for (const [name, other] of windows) {
            if (!touches(window, other)) continue;
            window = { start: Math.min(window.start, other.start), end: Math.max(window.end, other.end) };
            members = [...other.members, ...members];
            windows.delete(name);
            grew = true;
          }
        }
        const name = `${window.start}/${window.end}`;
        windows.set(name, { ...window, members: [...(windows.get(name)?.members ?? []), ...members] });
      }
    }
    for (const window of [...windows.values()].sort((a, b) => a.end - b.end)) {
      // `records` keeps each side's arrival order, and the sort is stable: ties stay in that order.
      const inWindow = new Set(window.members);
      const byTime = (a: { ts: number }, b: { ts: number }): number => a.ts - b.ts;
      const ls = records.filter((r) => r.left && inWindow.has(r)).sort(byTime);
      const rs = records.filter((r) => !r.left && inWindow.has(r)).sort(byTime);
      for (const l of ls) for (const r of rs) events.push({ value: user.fn!(l.value, r.value), ts: window.end - 1 });
    }
  }
  return { events, order: "per-key", timed: false };
}

/** Groups by key as Flink's keyBy does for the keys a key function may return: SameValueZero, like a JavaScript `Map`. */
function groupBy<T>(items: readonly T[], key: (item: T) => unknown): Map<unknown, T[]> {
  const groups = new Map<unknown, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

// ---- the user's code ----

/** The user's code for one node: its function, key functions, aggregated values, or a `process` spec. */
interface UserCode {
  readonly fn?: UserFunction;
  readonly key?: UserFunction;
  readonly leftKey?: UserFunction;
  readonly rightKey?: UserFunction;
  readonly spec?: unknown;
  readonly aggregates?: ReadonlyMap<string, UserFunction>;
}

/**
 * The user's code for every node with a location, taken from the source text at the call the
 * node records (and the `keyBy` calls that key it), transpiled by TypeScript and evaluated with
 * the module's top-level `const`s and the API's `state` in scope, so Node runs exactly what the
 * user wrote.
 */
function userFunctions(path: string, nodes: readonly GraphNode[]): Map<string, UserCode> {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const file = project.addSourceFileAtPath(path);
  const entries: { id: string; role: string; text: string }[] = [];
  /** The argument of the `keyBy(...)` call `call` is made on (`keyBy(f).reduce(...)`). */
  const keyOf = (call: CallExpression): AstNode => {
    const receiver = call.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression().asKindOrThrow(SyntaxKind.CallExpression);
    return receiver.getArguments()[0]!;
  };
  for (const node of nodes) {
    if (node.kind === "kafka-source" || node.kind === "kafka-sink" || node.kind === "union") continue;
    const call = file.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => {
      const callee = c.getExpression();
      if (!callee.isKind(SyntaxKind.PropertyAccessExpression)) return false;
      const at = file.getLineAndColumnAtPos(callee.getNameNode().getStart());
      return at.line === node.location.line && at.column === node.location.column;
    });
    const args = call?.getArguments() ?? [];
    if (!call || !args[0]) throw new Error(`no call at ${node.location.file}:${node.location.line}:${node.location.column} for node '${node.id}'`);
    const add = (role: string, text: AstNode): void => {
      entries.push({ id: node.id, role, text: text.getText() });
    };
    switch (node.kind) {
      case "window-aggregate": {
        // `keyBy(k).window(w).aggregate({...})`: the key is two calls back.
        const windowCall = call.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression().asKindOrThrow(SyntaxKind.CallExpression);
        add("key", keyOf(windowCall));
        const spec = args[0].asKindOrThrow(SyntaxKind.ObjectLiteralExpression);
        for (const a of node.aggregates.filter((x) => x.fn !== null)) {
          const property = spec.getPropertyOrThrow(a.name).asKindOrThrow(SyntaxKind.PropertyAssignment);
          add(`aggregate:${a.name}`, property.getInitializerOrThrow().asKindOrThrow(SyntaxKind.CallExpression).getArguments()[0]!);
        }
        break;
      }
      case "interval-join":
      case "window-join":
        add("leftKey", keyOf(call));
        add("rightKey", args[0].asKindOrThrow(SyntaxKind.CallExpression).getArguments()[0]!);
        add("fn", args[2]!);
        break;
      case "reduce":
      case "process":
        add(node.kind === "process" ? "spec" : "fn", args[0]);
        add("key", keyOf(call));
        break;
      default:
        add("fn", args[0]);
    }
  }
  const constants = file.getVariableStatements().map((s) => s.getText());
  const source = `function userFunctions(state) {\n${constants.join("\n")}\nreturn [\n${entries.map((e) => `(${e.text})`).join(",\n")}\n];\n}`;
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const values = new Function("state", `${js}\nreturn userFunctions(state);`)(state) as UserFunction[];
  const code = new Map<string, UserCode>();
  entries.forEach((e, i) => {
    const current = code.get(e.id) ?? {};
    const name = e.role.startsWith("aggregate:") ? e.role.slice("aggregate:".length) : undefined;
    code.set(e.id, name === undefined
      ? { ...current, [e.role]: values[i] }
      : { ...current, aggregates: new Map([...(current.aggregates ?? []), [name, values[i]!]]) });
  });
  return code;
}

// ---- values as the JSON source reads them and the JSON sink writes them ----

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
