import { visitNode, type GraphNode, type GraphNodeVisitor, type JobGraph, type KafkaSinkSpec, type SourceLocation, type WindowSpec } from "../ir/graph-nodes.js";
import type { FunctionIr } from "../ir/expression-nodes.js";
import { describeType, type IrType } from "../ir/ir-types.js";
import { describeWindow } from "../graph-view/graph-view-model.js";
import { canonicalJson, describeTypeChange, stateShape } from "./state-types.js";

/**
 * How a change affects a job restored from a savepoint of the old version:
 * - `stateless`: no operator state is involved;
 * - `compatible-state`: state is kept and read back, though what it means may shift (a new key
 *   function, an added state, a changed allowed lateness);
 * - `breaking`: state would be dropped or could not be read (a stateful operator's uid gone, a
 *   changed key, state, window or accumulator type).
 */
export type ChangeClass = "stateless" | "compatible-state" | "breaking";

export interface GraphChange {
  readonly class: ChangeClass;
  /** A stable code per kind of change, for scripts: `node-removed`, `key-type-changed`, … */
  readonly code: string;
  /** The node's id in the new graph (the old one's when it was removed), or null for the job. */
  readonly node: string | null;
  readonly message: string;
  /** Where in the TypeScript the change is: the new node's call, or the removed one's. */
  readonly location: SourceLocation | null;
}

export interface GraphDiff {
  readonly job: { readonly old: string; readonly new: string };
  readonly changes: readonly GraphChange[];
  readonly breaking: boolean;
}

/** Compares two job graphs node by node, matched by operator uid, as Flink matches state on restore. */
export function diffGraphs(before: JobGraph, after: JobGraph): GraphDiff {
  const changes: GraphChange[] = [...jobChanges(before, after)];
  const oldByUid = new Map(before.nodes.map((n) => [n.uid, n]));
  const newByUid = new Map(after.nodes.map((n) => [n.uid, n]));
  const removed = before.nodes.filter((n) => !newByUid.has(n.uid));
  const added = after.nodes.filter((n) => !oldByUid.has(n.uid));

  for (const node of after.nodes) {
    const old = oldByUid.get(node.uid);
    if (old) changes.push(...nodeChanges(before, old, after, node));
  }
  // A removed stateful node whose twin (same kind, same state) was added under another uid was
  // renamed: say so, since renaming the binding or `name` is the usual cause.
  const renamedTo = new Map<GraphNode, GraphNode>();
  for (const gone of removed) {
    const signature = stateSignature(before, gone);
    if (signature === null) continue;
    const twin = added.find((n) => n.kind === gone.kind && !renamedTo.has(n) && [...renamedTo.values()].every((t) => t !== n) && stateSignature(after, n) === signature);
    if (twin) renamedTo.set(gone, twin);
  }
  for (const gone of removed) {
    const twin = renamedTo.get(gone);
    const stateful = stateSignature(before, gone) !== null;
    if (twin) {
      changes.push(change("breaking", "node-renamed", twin, `${gone.kind} '${gone.uid}' is now '${twin.uid}': its state is stored under the old uid and would be dropped; keep the old binding or \`name\``));
    } else {
      changes.push(
        stateful
          ? change("breaking", "node-removed", gone, `${gone.kind} '${gone.uid}' is removed: its state (${stateDescription(gone)}) would be dropped`)
          : change("stateless", "node-removed", gone, `${gone.kind} '${gone.uid}' is removed`),
      );
    }
  }
  for (const node of added) {
    if ([...renamedTo.values()].includes(node)) continue;
    const stateful = stateSignature(after, node) !== null;
    changes.push(
      stateful
        ? change("compatible-state", "node-added", node, `${node.kind} '${node.uid}' is added and starts with empty state (${stateDescription(node)})`)
        : change("stateless", "node-added", node, `${node.kind} '${node.uid}' is added`),
    );
  }
  const order: Record<ChangeClass, number> = { breaking: 0, "compatible-state": 1, stateless: 2 };
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order[a.c.class] - order[b.c.class] || a.i - b.i)
    .map((x) => x.c);
  return { job: { old: before.job.name, new: after.job.name }, changes: sorted, breaking: sorted.some((c) => c.class === "breaking") };
}

function change(cls: ChangeClass, code: string, node: GraphNode | null, message: string): GraphChange {
  return { class: cls, code, node: node?.id ?? null, message, location: node?.location ?? null };
}

function jobChanges(before: JobGraph, after: JobGraph): GraphChange[] {
  const out: GraphChange[] = [];
  const a = before.job;
  const b = after.job;
  if (a.name !== b.name) out.push(change("stateless", "job-renamed", null, `job name '${a.name}' is now '${b.name}'`));
  if (a.parallelism !== b.parallelism) {
    out.push(change("compatible-state", "job-parallelism-changed", null, `parallelism ${a.parallelism} is now ${b.parallelism}: keyed state is redistributed on restore`));
  }
  if (canonicalJson(a.checkpoint) !== canonicalJson(b.checkpoint)) out.push(change("stateless", "checkpoint-changed", null, `checkpointing ${describeCheckpoint(a.checkpoint)} is now ${describeCheckpoint(b.checkpoint)}`));
  if (canonicalJson(a.restart) !== canonicalJson(b.restart)) out.push(change("stateless", "restart-changed", null, "the restart strategy changed"));
  // The sink of the records operators fail on is a Kafka sink of the job's, its codes `job-…`.
  const job: Compare = {
    g0: before,
    g1: after,
    at: (cls, code, message) => out.push(change(cls, code, null, message)),
    same: (x, y) => canonicalJson(x) === canonicalJson(y),
  };
  optionalSinkSpecChanges(job, "job dead-letter sink", a.deadLetter, b.deadLetter, b.name, "pipeline");
  return out;
}

function describeCheckpoint(c: JobGraph["job"]["checkpoint"]): string {
  return `every ${c.intervalMs} ms, ${c.mode}`;
}

/** Changes of one node kept under the same uid. */
function nodeChanges(g0: JobGraph, before: GraphNode, g1: JobGraph, after: GraphNode): GraphChange[] {
  if (before.kind !== after.kind) {
    const stateful = stateSignature(g0, before) !== null;
    return [
      change(
        stateful ? "breaking" : stateSignature(g1, after) !== null ? "compatible-state" : "stateless",
        "node-kind-changed",
        after,
        `'${after.uid}' was a ${before.kind} and is now a ${after.kind}${stateful ? ": its state cannot be read by the new operator" : ""}`,
      ),
    ];
  }
  const out: GraphChange[] = [];
  const at = (cls: ChangeClass, code: string, message: string) => out.push(change(cls, code, after, message));
  const same = (x: unknown, y: unknown) => canonicalJson(x) === canonicalJson(y);
  if (!same(before.inputs, after.inputs)) at("stateless", "inputs-changed", `${after.kind} '${after.uid}' reads from ${list(after.inputs)} instead of ${list(before.inputs)}`);
  if (before.parallelism !== after.parallelism) {
    const stateful = stateSignature(g1, after) !== null;
    at(stateful ? "compatible-state" : "stateless", "parallelism-changed", `${after.kind} '${after.uid}' parallelism ${before.parallelism ?? "(job's)"} is now ${after.parallelism ?? "(job's)"}`);
  }
  const ctx: Compare = { g0, g1, at, same };
  visitNode(after, nodeComparer(ctx, before));
  return out;
}

interface Compare {
  readonly g0: JobGraph;
  readonly g1: JobGraph;
  at(cls: ChangeClass, code: string, message: string): void;
  same(x: unknown, y: unknown): boolean;
}

/**
 * One comparison per node kind. What each compares follows what the harness keeps in Flink state
 * for it (compiler/schema/README.md): a Kafka source its split offsets; keyed operators their
 * key and per-key values; windows their accumulators; exactly-once sinks their pending
 * transactions or batches. Everything else is recomputed from the new graph.
 */
function nodeComparer(c: Compare, beforeNode: GraphNode): GraphNodeVisitor<void> {
  const old = <K extends GraphNode["kind"]>(_n: Extract<GraphNode, { kind: K }>) => beforeNode as Extract<GraphNode, { kind: K }>;
  const fnChange = (what: string, a: FunctionIr, b: FunctionIr, cls: ChangeClass, uid: string, kind: string, why = "") => {
    if (!c.same(a, b)) c.at(cls, `${what.replace(/ /g, "-")}-changed`, `${kind} '${uid}': the ${what} changed${why}`);
  };
  const typeChange = (what: string, a: IrType, b: IrType, cls: ChangeClass, uid: string, kind: string, why = "") => {
    if (stateShape(c.g0, a) !== stateShape(c.g1, b)) c.at(cls, `${what.replace(/ /g, "-")}-changed`, `${kind} '${uid}': ${what} ${describeTypeChange(c.g0, a, c.g1, b)}${why}`);
  };
  const keyChange = (what: string, a: FunctionIr, b: FunctionIr, uid: string, kind: string) => {
    const before = stateShape(c.g0, a.returnType);
    const after = stateShape(c.g1, b.returnType);
    if (before !== after) c.at("breaking", `${what.replace(/ /g, "-")}-type-changed`, `${kind} '${uid}': the ${what} type ${describeType(a.returnType)} is now ${describeType(b.returnType)}: state is stored per key and could not be read`);
    else fnChange(what, a, b, "compatible-state", uid, kind, ": state stays under the keys the old function produced");
  };
  const windowChange = (a: WindowSpec, b: WindowSpec, uid: string, kind: string) => {
    if (!c.same(a, b)) c.at("breaking", "window-changed", `${kind} '${uid}': window ${describeWindow(a)} is now ${describeWindow(b)}: open windows in the savepoint would not match`);
  };
  const sinkSpecChange = (what: string, a: KafkaSinkSpec | null, b: KafkaSinkSpec | null, uid: string, kind: string) =>
    optionalSinkSpecChanges(c, what, a, b, uid, kind);
  return {
    "kafka-source": (n) => {
      const o = old(n);
      if (o.topic !== n.topic) c.at("breaking", "topic-changed", `kafka-source '${n.uid}': topic '${o.topic}' is now '${n.topic}': the savepoint's offsets are those of '${o.topic}' and its partitions would still be read`);
      if (o.startFrom !== n.startFrom) c.at("compatible-state", "start-from-changed", `kafka-source '${n.uid}': startFrom ${o.startFrom} is now ${n.startFrom}, which applies only to partitions the savepoint has no offset for`);
      if (o.groupId !== n.groupId) c.at("compatible-state", "group-id-changed", `kafka-source '${n.uid}': consumer group '${o.groupId}' is now '${n.groupId}'; offsets come from the savepoint, not the group`);
      if (o.format !== n.format) c.at("stateless", "format-changed", `kafka-source '${n.uid}': format ${o.format} is now ${n.format}`);
      if (!c.same(o.eventTime, n.eventTime)) c.at("stateless", "event-time-changed", `kafka-source '${n.uid}': event time changed`);
      typeChange("record type", o.outputType, n.outputType, "stateless", n.uid, n.kind);
      sinkSpecChange("dead-letter sink", o.deadLetter, n.deadLetter, n.uid, n.kind);
    },
    filter: (n) => {
      fnChange("predicate", old(n).fn, n.fn, "stateless", n.uid, n.kind);
    },
    map: (n) => {
      fnChange("function", old(n).fn, n.fn, "stateless", n.uid, n.kind);
      typeChange("output type", old(n).outputType, n.outputType, "stateless", n.uid, n.kind);
    },
    "flat-map": (n) => {
      fnChange("function", old(n).fn, n.fn, "stateless", n.uid, n.kind);
      typeChange("output type", old(n).outputType, n.outputType, "stateless", n.uid, n.kind);
    },
    union: (n) => {
      typeChange("output type", old(n).outputType, n.outputType, "stateless", n.uid, n.kind);
    },
    reduce: (n) => {
      const o = old(n);
      keyChange("key", o.key, n.key, n.uid, n.kind);
      typeChange("reduced type", o.outputType, n.outputType, "breaking", n.uid, n.kind, ": the value kept per key could not be read");
      fnChange("function", o.fn, n.fn, "compatible-state", n.uid, n.kind, ": values reduced so far are kept");
    },
    "window-aggregate": (n) => {
      const o = old(n);
      keyChange("key", o.key, n.key, n.uid, n.kind);
      windowChange(o.window, n.window, n.uid, n.kind);
      if (accumulatorSignature(c.g0, o.aggregates) !== accumulatorSignature(c.g1, n.aggregates)) {
        c.at("breaking", "aggregates-changed", `window-aggregate '${n.uid}': aggregates ${describeAggregates(o.aggregates)} are now ${describeAggregates(n.aggregates)}: the accumulators of open windows could not be read`);
      } else {
        o.aggregates.forEach((a, i) => {
          const b = n.aggregates[i]!;
          if (a.name !== b.name) c.at("compatible-state", "aggregate-renamed", `window-aggregate '${n.uid}': aggregate '${a.name}' is now '${b.name}'; its accumulated value carries over`);
          if (!c.same(a.fn, b.fn)) c.at("compatible-state", "aggregate-function-changed", `window-aggregate '${n.uid}': the function of aggregate '${b.name}' changed; open windows keep what the old one accumulated`);
        });
      }
      if (o.allowedLatenessMs !== n.allowedLatenessMs) c.at("compatible-state", "allowed-lateness-changed", `window-aggregate '${n.uid}': allowed lateness ${o.allowedLatenessMs} ms is now ${n.allowedLatenessMs} ms`);
      sinkSpecChange("late-record sink", o.late?.sink ?? null, n.late?.sink ?? null, n.uid, n.kind);
    },
    "interval-join": (n) => {
      const o = old(n);
      keyChange("left key", o.leftKey, n.leftKey, n.uid, n.kind);
      keyChange("right key", o.rightKey, n.rightKey, n.uid, n.kind);
      joinInputs(c, n.uid, n.kind, o.inputs, n.inputs);
      if (o.lowerMs !== n.lowerMs || o.upperMs !== n.upperMs) {
        c.at("compatible-state", "bounds-changed", `interval-join '${n.uid}': bounds [${o.lowerMs}, ${o.upperMs}] ms are now [${n.lowerMs}, ${n.upperMs}] ms; buffered records are kept`);
      }
      fnChange("join function", o.fn, n.fn, "stateless", n.uid, n.kind);
    },
    "window-join": (n) => {
      const o = old(n);
      keyChange("left key", o.leftKey, n.leftKey, n.uid, n.kind);
      keyChange("right key", o.rightKey, n.rightKey, n.uid, n.kind);
      windowChange(o.window, n.window, n.uid, n.kind);
      joinInputs(c, n.uid, n.kind, o.inputs, n.inputs);
      fnChange("join function", o.fn, n.fn, "stateless", n.uid, n.kind);
    },
    process: (n) => {
      const o = old(n);
      keyChange("key", o.key, n.key, n.uid, n.kind);
      for (const s of o.state) {
        const t = n.state.find((x) => x.name === s.name);
        if (!t) {
          c.at("breaking", "state-removed", `process '${n.uid}': state '${s.name}' is removed: its values would be dropped`);
        } else if (s.kind !== t.kind) {
          c.at("breaking", "state-kind-changed", `process '${n.uid}': state '${s.name}' was a ${s.kind} state and is now a ${t.kind} state`);
        } else if (stateShape(c.g0, s.type) !== stateShape(c.g1, t.type) || (s.kind === "map" && t.kind === "map" && stateShape(c.g0, s.keyType) !== stateShape(c.g1, t.keyType))) {
          c.at("breaking", "state-type-changed", `process '${n.uid}': state '${s.name}' type ${describeStateType(s)} is now ${describeStateType(t)}: stored values could not be read`);
        } else if (s.kind === "value" && t.kind === "value" && !c.same(s.initial, t.initial)) {
          c.at("compatible-state", "state-initial-changed", `process '${n.uid}': the initial value of state '${s.name}' changed; keys that have a value keep it`);
        }
      }
      for (const t of n.state) {
        if (!o.state.some((s) => s.name === t.name)) c.at("compatible-state", "state-added", `process '${n.uid}': state '${t.name}' is added and starts at its initial value for every key`);
      }
      if (!c.same(o.onElement, n.onElement)) c.at("compatible-state", "on-element-changed", `process '${n.uid}': onElement changed; it continues from the stored state`);
      if (!c.same(o.onTimer, n.onTimer)) {
        c.at("compatible-state", "on-timer-changed", `process '${n.uid}': onTimer ${o.onTimer === null ? "is added" : n.onTimer === null ? "is removed: timers already registered fire with nothing to run" : "changed"}`);
      }
      typeChange("output type", o.outputType, n.outputType, "stateless", n.uid, n.kind);
    },
    "kafka-sink": (n) => {
      const o = old(n);
      kafkaSpecChanges(c, "sink", o.sink, n.sink, n.uid, n.kind);
      if (o.format !== n.format) c.at("stateless", "format-changed", `kafka-sink '${n.uid}': format ${o.format} is now ${n.format}`);
      typeChange("record type", o.inputType, n.inputType, "stateless", n.uid, n.kind);
    },
    "postgres-sink": (n) => {
      const o = old(n);
      databaseSinkChanges(c, o, n);
      if (o.table !== n.table) c.at("stateless", "table-changed", `postgres-sink '${n.uid}': table ${o.table} is now ${n.table}`);
      if (o.mode !== n.mode || !c.same(o.key, n.key)) c.at("stateless", "upsert-key-changed", `postgres-sink '${n.uid}': ${o.mode} on (${o.key.join(", ")}) is now ${n.mode} on (${n.key.join(", ")})`);
    },
    "mongo-sink": (n) => {
      const o = old(n);
      databaseSinkChanges(c, o, n);
      if (o.collection !== n.collection) c.at("stateless", "collection-changed", `mongo-sink '${n.uid}': collection ${o.collection} is now ${n.collection}`);
      fnChange("document id", o.documentId, n.documentId, "stateless", n.uid, n.kind);
      if (o.write !== n.write) c.at("stateless", "write-changed", `mongo-sink '${n.uid}': write ${o.write} is now ${n.write}`);
    },
    "redis-sink": (n) => {
      const o = old(n);
      databaseSinkChanges(c, o, n);
      fnChange("key function", o.key, n.key, "stateless", n.uid, n.kind);
      if (!c.same(o.value, n.value)) c.at("stateless", "value-changed", `redis-sink '${n.uid}': the ${n.value.kind} value changed`);
      if (o.ttlMs !== n.ttlMs) c.at("stateless", "ttl-changed", `redis-sink '${n.uid}': ttl ${o.ttlMs ?? "none"} is now ${n.ttlMs ?? "none"}`);
    },
  };
}

/** A Kafka sink that may be declared or not: exactly-once, its pending transactions are state under its uid. */
function optionalSinkSpecChanges(c: Compare, what: string, a: KafkaSinkSpec | null, b: KafkaSinkSpec | null, uid: string, kind: string): void {
  const aEo = a?.guarantee === "exactly-once";
  if (a && !b) c.at(aEo ? "breaking" : "stateless", `${what.replace(/ /g, "-")}-removed`, `${kind} '${uid}': the ${what} '${a.uid}' is removed${aEo ? ": its pending Kafka transactions would be dropped" : ""}`);
  else if (!a && b) c.at(b.guarantee === "exactly-once" ? "compatible-state" : "stateless", `${what.replace(/ /g, "-")}-added`, `${kind} '${uid}': a ${what} '${b.uid}' (topic ${b.topic}) is added`);
  else if (a && b) {
    if (a.uid !== b.uid) c.at(aEo ? "breaking" : "stateless", `${what.replace(/ /g, "-")}-renamed`, `${kind} '${uid}': the ${what}'s uid '${a.uid}' is now '${b.uid}'${aEo ? ": its pending transactions would be dropped" : ""}`);
    kafkaSpecChanges(c, what, a, b, uid, kind);
  }
}

function kafkaSpecChanges(c: Compare, what: string, a: KafkaSinkSpec, b: KafkaSinkSpec, uid: string, kind: string): void {
  const prefix = what === "sink" ? "" : `${what.replace(/ /g, "-")}-`;
  if (a.topic !== b.topic) c.at("stateless", `${prefix}topic-changed`, `${kind} '${uid}': ${what} topic '${a.topic}' is now '${b.topic}'`);
  if (a.guarantee !== b.guarantee) c.at(a.guarantee === "exactly-once" ? "compatible-state" : "stateless", `${prefix}guarantee-changed`, `${kind} '${uid}': ${what} guarantee ${a.guarantee} is now ${b.guarantee}`);
  if (a.guarantee === "exactly-once" && b.guarantee === "exactly-once" && a.transactionalIdPrefix !== b.transactionalIdPrefix) {
    c.at("compatible-state", `${prefix}transactional-id-changed`, `${kind} '${uid}': ${what} transactional id prefix '${a.transactionalIdPrefix}' is now '${b.transactionalIdPrefix}'; transactions left open under the old one are not aborted and block read_committed readers until they time out (${a.transactionTimeoutMs} ms)`);
  }
}

/** A database sink's exactly-once state is its pending batches, which hold records of its input type. */
function databaseSinkChanges(c: Compare, o: Extract<GraphNode, { kind: "postgres-sink" | "mongo-sink" | "redis-sink" }>, n: Extract<GraphNode, { kind: "postgres-sink" | "mongo-sink" | "redis-sink" }>): void {
  const exactlyOnce = o.guarantee === "exactly-once";
  if (stateShape(c.g0, o.inputType) !== stateShape(c.g1, n.inputType)) {
    c.at(exactlyOnce ? "breaking" : "stateless", "record-type-changed", `${n.kind} '${n.uid}': record type ${describeTypeChange(c.g0, o.inputType, c.g1, n.inputType)}${exactlyOnce ? ": batches pending in the savepoint hold records of the old type" : ""}`);
  }
  if (o.guarantee !== n.guarantee) c.at(exactlyOnce ? "compatible-state" : "stateless", "guarantee-changed", `${n.kind} '${n.uid}': guarantee ${o.guarantee} is now ${n.guarantee}`);
}

function joinInputs(c: Compare, uid: string, kind: string, a: readonly string[], b: readonly string[]): void {
  const types = (g: JobGraph, ids: readonly string[]) => ids.map((id) => {
    const node = g.nodes.find((n) => n.id === id);
    return node && "outputType" in node ? stateShape(g, node.outputType) : null;
  });
  const [l0, r0] = types(c.g0, a);
  const [l1, r1] = types(c.g1, b);
  if (l0 !== l1) c.at("breaking", "left-type-changed", `${kind} '${uid}': the left input's record type changed: buffered records could not be read`);
  if (r0 !== r1) c.at("breaking", "right-type-changed", `${kind} '${uid}': the right input's record type changed: buffered records could not be read`);
}

/**
 * What a node keeps in Flink state, as a string to compare, or null for a stateless node.
 * Exhaustive over node kinds, so a new kind must say whether it has state.
 */
export function stateSignature(graph: JobGraph, node: GraphNode): string | null {
  const key = (f: FunctionIr) => stateShape(graph, f.returnType);
  const signatures: GraphNodeVisitor<unknown[] | null> = {
    "kafka-source": (n) => ["offsets", n.topic],
    filter: () => null,
    map: () => null,
    "flat-map": () => null,
    union: () => null,
    reduce: (n) => [key(n.key), stateShape(graph, n.outputType)],
    "window-aggregate": (n) => [key(n.key), n.window, accumulatorSignature(graph, n.aggregates)],
    "interval-join": (n) => [key(n.leftKey), key(n.rightKey)],
    "window-join": (n) => [key(n.leftKey), key(n.rightKey), n.window],
    process: (n) => [key(n.key), n.state.map((s) => [s.name, s.kind, stateShape(graph, s.type)])],
    "kafka-sink": (n) => (n.sink.guarantee === "exactly-once" ? ["transactions"] : null),
    "postgres-sink": (n) => (n.guarantee === "exactly-once" ? ["batches", stateShape(graph, n.inputType)] : null),
    "mongo-sink": (n) => (n.guarantee === "exactly-once" ? ["batches", stateShape(graph, n.inputType)] : null),
    "redis-sink": (n) => (n.guarantee === "exactly-once" ? ["batches", stateShape(graph, n.inputType)] : null),
  };
  const signature = visitNode(node, signatures);
  return signature === null ? null : canonicalJson(signature);
}

function stateDescription(node: GraphNode): string {
  const what: GraphNodeVisitor<string> = {
    "kafka-source": (n) => `offsets of topic ${n.topic}`,
    filter: () => "none",
    map: () => "none",
    "flat-map": () => "none",
    union: () => "none",
    reduce: () => "the reduced value per key",
    "window-aggregate": (n) => `open ${describeWindow(n.window)} windows`,
    "interval-join": () => "buffered records of both sides",
    "window-join": (n) => `records of open ${describeWindow(n.window)} windows`,
    process: (n) => (n.state.length === 0 ? "timers" : `states ${n.state.map((s) => s.name).join(", ")} per key`),
    "kafka-sink": () => "pending Kafka transactions",
    "postgres-sink": () => "pending batches",
    "mongo-sink": () => "pending batches",
    "redis-sink": () => "pending batches",
  };
  return visitNode(node, what);
}

/** Each aggregate's accumulator: its op and the types it holds (the value's and the result's). */
function accumulatorSignature(graph: JobGraph, aggregates: readonly { op: string; fn: FunctionIr | null; type: IrType }[]): string {
  return canonicalJson(aggregates.map((a) => [a.op, a.fn ? stateShape(graph, a.fn.returnType) : null, stateShape(graph, a.type)]));
}

function describeAggregates(aggregates: readonly { name: string; op: string }[]): string {
  return `(${aggregates.map((a) => `${a.name}: ${a.op}`).join(", ")})`;
}

function describeStateType(s: { kind: "value" | "map"; type: IrType; keyType?: IrType }): string {
  return s.kind === "map" ? `Map<${describeType(s.keyType!)}, ${describeType(s.type)}>` : describeType(s.type);
}

function list(ids: readonly string[]): string {
  return ids.length === 0 ? "nothing" : ids.map((i) => `'${i}'`).join(", ");
}
