import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlinkRestClient } from "../compiler/src/flink/flink-rest-client.js";
import { ensureStack, type StackHandle } from "../flink-deploy/local/src/stack.js";
import { kafkaClient, produceValues, readCommitted, recreateTopics } from "./kafka-io.js";
import type { Payment } from "./upgrade-v1.js";

const root = path.resolve(import.meta.dirname, "..");
const TOPICS = ["upg.payments", "upg.big", "upg.totals", "upg.pending"];

/** Two batches of payments: the first is processed by version 1, the second by version 2. */
const payments = (batch: string, count: number): Payment[] =>
  Array.from({ length: count }, (_, i) => ({ orderId: `${batch}${i}`, customerId: `c${i % 3}`, status: i % 3 === 0 ? "NEW" : "PAID", amount: i * 5 }));
const FIRST = payments("a", 24);
const SECOND = payments("b", 24);
// The pipelines' predicates, written again here so the test does not take the compiler's word.
const bigV1 = (o: Payment) => o.status === "PAID" && o.amount > 10;
const bigV2 = (o: Payment) => o.status === "PAID" && o.amount > 50;
const pendingV2 = (o: Payment) => o.status === "NEW";

/** What `totals` emits for these big payments when each customer's total starts from `start`. */
function runningTotals(big: readonly Payment[], start: Map<string, number>): { customerId: string; total: number }[] {
  const totals = new Map(start);
  return big.map((o) => {
    totals.set(o.customerId, (totals.get(o.customerId) ?? 0) + o.amount);
    return { customerId: o.customerId, total: totals.get(o.customerId)! };
  });
}

/**
 * `tsflink upgrade` on the local stack: version 1 runs over the first batch, is upgraded to
 * version 2 (a higher threshold, one more sink) while running, and version 2 reads the second
 * batch. Its state is the Kafka source's offsets and a keyed `process` state, each customer's
 * running total: were the offsets lost, version 2 would read the first batch again from
 * `earliest`; were the totals lost, they would start again from 0. So the sinks must hold
 * exactly what one deployment that never stopped would have written: version 1's output of the
 * first batch, then version 2's of the second with the totals carried on, nothing lost and
 * nothing twice.
 */
describe("tsflink upgrade on the local stack", () => {
  let stack: StackHandle | undefined;
  let flink: FlinkRestClient;
  let env: Record<string, string>;
  const jobs: string[] = [];
  const savepoints: string[] = [];
  const edited: string[] = [];

  const tsflink = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), ...args, "--json"], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
    return { status: r.status, stderr: r.stderr, json: JSON.parse(r.stdout) as Record<string, unknown> };
  };

  const waitForState = async (jobId: string, state: string): Promise<string> => {
    for (let i = 0; i < 240 && (await flink.job(jobId)).state !== state; i++) await new Promise((r) => setTimeout(r, 250));
    return (await flink.job(jobId)).state;
  };

  beforeAll(async () => {
    stack = await ensureStack();
    flink = new FlinkRestClient(stack.stack.services.flink.restUrl);
    env = { FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: stack.stack.services.kafka.bootstrapServers, TSFLINK_PROFILE: "" };
    for (const job of await flink.listJobs()) if (job.name === "upgrade-check" && job.state === "RUNNING") await flink.cancel(job.jobId);
    const admin = kafkaClient(env["KAFKA_BOOTSTRAP_SERVERS"]!, "upgrade-e2e").admin();
    await admin.connect();
    try {
      await recreateTopics(admin, TOPICS, 1);
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    for (const jobId of jobs) {
      const state = await flink.job(jobId).then((j) => j.state, () => "GONE");
      if (!["FINISHED", "FAILED", "CANCELED", "GONE"].includes(state)) await flink.cancel(jobId).catch(() => undefined);
    }
    for (const savepoint of savepoints) fs.rmSync(fileURLToPath(savepoint), { recursive: true, force: true });
    for (const file of edited) fs.rmSync(file, { force: true });
    await stack?.stop();
  });

  it("keeps the source's offsets and the keyed totals across a changed filter and an added sink, and refuses a breaking change", async () => {
    const kafka = kafkaClient(env["KAFKA_BOOTSTRAP_SERVERS"]!, "upgrade-e2e");
    const encode = (ps: Payment[]) => ps.map((p) => Buffer.from(JSON.stringify(p)));
    await produceValues(kafka, "upg.payments", encode(FIRST));

    const v1 = tsflink(["submit", "pipelines/upgrade-v1.ts"]);
    expect(v1.stderr).toBe("");
    expect(v1.status).toBe(0);
    const first = v1.json["jobId"] as string;
    jobs.push(first);
    // Version 1 has written the first batch once its transaction committed.
    const beforeUpgrade = FIRST.filter(bigV1);
    const totalsBefore = runningTotals(beforeUpgrade, new Map());
    const written = await readCommitted(env["KAFKA_BOOTSTRAP_SERVERS"]!, ["upg.big", "upg.totals"], (rs) => rs.length >= 2 * beforeUpgrade.length, 90_000);
    expect(written.filter((r) => r.topic === "upg.big").map((r) => JSON.parse(r.value.toString()))).toEqual(beforeUpgrade);
    expect(written.filter((r) => r.topic === "upg.totals").map((r) => JSON.parse(r.value.toString()))).toEqual(totalsBefore);

    // A new version that reads another topic would drop the source's offsets: refused, job untouched.
    const breaking = path.join(root, `pipelines/.edited-upgrade-${process.pid}.ts`);
    edited.push(breaking);
    fs.writeFileSync(breaking, fs.readFileSync(path.join(root, "pipelines/upgrade-v1.ts"), "utf8").replace('topic: "upg.payments"', 'topic: "upg.payments.v2"'));
    const refused = tsflink(["upgrade", first, breaking]);
    expect(refused.status).toBe(3);
    expect(refused.json["jobId"]).toBeNull();
    const refusedDiff = refused.json["diff"] as { breaking: boolean; changes: { class: string; code: string; location: { file: string; line: number } }[] };
    expect(refusedDiff.breaking).toBe(true);
    expect(refusedDiff.changes.filter((c) => c.class === "breaking").map((c) => [c.code, c.location.file, c.location.line])).toEqual([
      ["topic-changed", path.relative(root, breaking), 12],
    ]);
    expect((await flink.job(first)).state).toBe("RUNNING");

    const upgraded = tsflink(["upgrade", first, "pipelines/upgrade-v2.ts"]);
    expect(upgraded.stderr).toBe("");
    expect(upgraded.status).toBe(0);
    const second = upgraded.json["jobId"] as string;
    jobs.push(second);
    const savepoint = upgraded.json["savepoint"] as string;
    savepoints.push(savepoint);
    expect(upgraded.json["previousJobId"]).toBe(first);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    const diff = upgraded.json["diff"] as { breaking: boolean; changes: { class: string; code: string; node: string }[] };
    expect(diff.breaking).toBe(false);
    expect(diff.changes.map((c) => [c.class, c.code, c.node])).toEqual([
      ["compatible-state", "node-added", "kafka-sink.upg.pending"],
      ["stateless", "predicate-changed", "big"],
      ["stateless", "node-added", "pending"],
    ]);
    expect(await waitForState(first, "FINISHED")).toBe("FINISHED");
    expect((await flink.job(second)).state).toBe("RUNNING");
    const restored = (await (await fetch(new URL(`jobs/${second}/checkpoints`, flink.baseUrl + "/"))).json()) as { latest: { restored: { external_path: string } | null } };
    expect(restored.latest.restored?.external_path).toBe(savepoint);

    await produceValues(kafka, "upg.payments", encode(SECOND));
    const expectedBig = [...FIRST.filter(bigV1), ...SECOND.filter(bigV2)];
    const carried = new Map(totalsBefore.map((t) => [t.customerId, t.total]));
    const expectedTotals = [...totalsBefore, ...runningTotals(SECOND.filter(bigV2), carried)];
    const expectedPending = SECOND.filter(pendingV2);
    const expectedCount = expectedBig.length + expectedTotals.length + expectedPending.length;
    const all = await readCommitted(env["KAFKA_BOOTSTRAP_SERVERS"]!, ["upg.big", "upg.totals", "upg.pending"], (rs) => rs.length >= expectedCount, 90_000, 3_000);
    const on = (topic: string) => all.filter((r) => r.topic === topic).map((r) => JSON.parse(r.value.toString()) as unknown);
    expect(on("upg.big")).toEqual(expectedBig);
    expect(on("upg.totals")).toEqual(expectedTotals);
    expect(on("upg.pending")).toEqual(expectedPending);
  }, 300_000);
});
