import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlinkRestClient } from "../compiler/src/flink/flink-rest-client.js";
import { ensureStack, type StackHandle } from "../flink-deploy/local/src/stack.js";
import { kafkaClient, produceValues, readCommitted, recreateTopics } from "./kafka-io.js";

const root = path.resolve(import.meta.dirname, "..");
const TOPICS = ["ops.orders", "ops.paid", "ops.failed", "ops.clicks", "ops.clicks.per-user"];
const PIPELINE = "pipelines/ops-check.ts";

/**
 * The operations commands on the real local stack, on their own topics (`ops.*`) so they never
 * meet the orders e2e test: submit → status → savepoint → stop with savepoint → resubmit from
 * it → cancel, each through the `tsflink` binary as a user runs it.
 */
describe("tsflink status, savepoint, stop and submit --from-savepoint on the local stack", () => {
  let stack: StackHandle | undefined;
  let flink: FlinkRestClient;
  let env: Record<string, string>;
  const jobs: string[] = [];
  const savepoints: string[] = [];

  const tsflink = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), ...args, "--json"], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
    return { status: r.status, stderr: r.stderr, json: JSON.parse(r.stdout) as Record<string, unknown> };
  };

  /** Job state changes are asynchronous in Flink; this waits for one without asserting on time. */
  const waitForState = async (jobId: string, state: string): Promise<string> => {
    for (let i = 0; i < 240; i++) {
      const current = (await flink.job(jobId)).state;
      if (current === state) return current;
      await new Promise((r) => setTimeout(r, 250));
    }
    return (await flink.job(jobId)).state;
  };

  /** Running means every task runs, not only the job: operator metrics exist only then. */
  const waitForTasks = async (jobId: string): Promise<void> => {
    for (let i = 0; i < 240; i++) {
      const job = await flink.job(jobId);
      if (job.state === "RUNNING" && job.vertices.every((v) => v.status === "RUNNING")) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    stack = await ensureStack();
    flink = new FlinkRestClient(stack.stack.services.flink.restUrl);
    const bootstrapServers = stack.stack.services.kafka.bootstrapServers;
    env = { FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: bootstrapServers };
    for (const job of await flink.listJobs()) if (job.name.startsWith("ops-") && job.state === "RUNNING") await flink.cancel(job.jobId);
    const kafka = kafkaClient(bootstrapServers, "ops-e2e");
    const admin = kafka.admin();
    await admin.connect();
    try {
      await recreateTopics(admin, TOPICS, 1);
    } finally {
      await admin.disconnect();
    }
    const payments = Array.from({ length: 10 }, (_, i) => ({ orderId: `o${i}`, status: i % 2 === 0 ? "PAID" : "NEW", amount: i }));
    await produceValues(kafka, "ops.orders", payments.map((p) => Buffer.from(JSON.stringify(p))));
  });

  afterAll(async () => {
    for (const jobId of jobs) {
      const state = await flink.job(jobId).then((j) => j.state, () => "GONE");
      if (!["FINISHED", "FAILED", "CANCELED", "GONE"].includes(state)) await flink.cancel(jobId).catch(() => undefined);
    }
    for (const savepoint of savepoints) fs.rmSync(fileURLToPath(savepoint), { recursive: true, force: true });
    await stack?.stop();
  });

  it("answers an unknown job id with one line naming the id and the cluster", () => {
    const unknown = "0123456789abcdef0123456789abcdef";
    const r = tsflink(["status", unknown]);
    expect(r.status).toBe(1);
    expect(r.json).toEqual({ error: `no job ${unknown} on ${flink.baseUrl}` });
    expect(r.stderr).toBe(`tsflink: no job ${unknown} on ${flink.baseUrl}\n`);
  });

  it("runs a job, shows its status, takes a savepoint, stops with one and resumes from it", async () => {
    const first = tsflink(["submit", PIPELINE]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const jobId = first.json["jobId"] as string;
    jobs.push(jobId);
    await waitForTasks(jobId);

    // Flink's REST metrics lag the job by its metric fetch interval: ask until the ten records are counted.
    type Operator = { name: string; location: string | null; recordsIn: number | null; recordsOut: number | null };
    const counted = (s: ReturnType<typeof tsflink>) =>
      (s.json["vertices"] as { operators: Operator[] }[] | undefined)?.flatMap((v) => v.operators).find((o) => o.name.startsWith("map"))?.recordsOut === 5;
    let status = tsflink(["status", jobId]);
    for (let i = 0; i < 60 && !counted(status); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      status = tsflink(["status", jobId]);
    }
    expect(status.status).toBe(0);
    expect(status.json["jobId"]).toBe(jobId);
    expect(status.json["name"]).toBe("ops-check");
    expect(status.json["state"]).toBe("RUNNING");
    expect(status.json["restarts"]).toBe(0);
    expect(status.json["rootCause"]).toBeNull();
    const vertices = status.json["vertices"] as { status: string; parallelism: number; backpressure: string | null; operators: Operator[] }[];
    // The whole pipeline is one chain at parallelism 1: one vertex.
    expect(vertices.map((v) => [v.status, v.parallelism])).toEqual([["RUNNING", 1]]);
    expect(["ok", "low", "high", null]).toContain(vertices[0]!.backpressure);
    const operators = vertices.flatMap((v) => v.operators);
    expect(operators.map((o) => [o.name, o.location])).toEqual([
      ["source ops.orders · ops-check.ts:11", "ops-check.ts:11"],
      ["source ops.orders · ops-check.ts:11 · dead letters", "ops-check.ts:11"],
      ["filter · ops-check.ts:12", "ops-check.ts:12"],
      ["map · ops-check.ts:13", "ops-check.ts:13"],
      ["sink ops.paid · ops-check.ts:14: Writer", "ops-check.ts:14"],
      ["sink ops.paid · ops-check.ts:14: Committer", "ops-check.ts:14"],
    ]);
    // Ten payments, five of them PAID. (The committer counts committables, one per checkpoint, so it is left out.)
    const counts = Object.fromEntries(operators.map((o) => [o.name, [o.recordsIn, o.recordsOut]]));
    expect(counts["source ops.orders · ops-check.ts:11 · dead letters"]).toEqual([10, 10]);
    expect(counts["filter · ops-check.ts:12"]).toEqual([10, 5]);
    expect(counts["map · ops-check.ts:13"]).toEqual([5, 5]);
    expect(counts["sink ops.paid · ops-check.ts:14: Writer"]![0]).toBe(5);

    const savepoint = tsflink(["savepoint", jobId]);
    expect(savepoint.stderr).toBe("");
    expect(savepoint.status).toBe(0);
    expect(savepoint.json["jobId"]).toBe(jobId);
    const taken = savepoint.json["savepoint"] as string;
    savepoints.push(taken);
    expect(taken).toMatch(new RegExp(`^file:.*/savepoint-${jobId.slice(0, 6)}-[0-9a-f]{12}$`));
    expect(fs.existsSync(path.join(fileURLToPath(taken), "_metadata"))).toBe(true);

    const stop = tsflink(["stop", jobId, "--savepoint"]);
    expect(stop.stderr).toBe("");
    expect(stop.status).toBe(0);
    expect(stop.json["jobId"]).toBe(jobId);
    expect(stop.json["stopped"]).toBe(true);
    const stopped = stop.json["savepoint"] as string;
    savepoints.push(stopped);
    expect(stopped).not.toBe(taken);
    expect(fs.existsSync(path.join(fileURLToPath(stopped), "_metadata"))).toBe(true);
    expect(await waitForState(jobId, "FINISHED")).toBe("FINISHED");

    const resumed = tsflink(["submit", PIPELINE, "--from-savepoint", stopped]);
    expect(resumed.stderr).toBe("");
    expect(resumed.status).toBe(0);
    const resumedId = resumed.json["jobId"] as string;
    jobs.push(resumedId);
    expect(resumedId).not.toBe(jobId);
    expect(await waitForState(resumedId, "RUNNING")).toBe("RUNNING");
    const checkpoints = (await (await fetch(new URL(`jobs/${resumedId}/checkpoints`, flink.baseUrl + "/"))).json()) as { latest: { restored: { external_path: string; is_savepoint: boolean } | null } };
    expect(checkpoints.latest.restored).toMatchObject({ external_path: stopped, is_savepoint: true });

    const cancel = tsflink(["cancel", resumedId]);
    expect(cancel.status).toBe(0);
    expect(cancel.json).toEqual({ jobId: resumedId, cancelled: true });
    expect(await waitForState(resumedId, "CANCELED")).toBe("CANCELED");
  }, 180_000);

  it("a job the cluster refuses to start: Flink's reason in one line, at the TypeScript of the node it names", () => {
    // An empty --kafka (say, from an unset shell variable) leaves the harness without brokers.
    const r = tsflink(["submit", PIPELINE, "--kafka", ""]);
    expect(r.status).toBe(1);
    expect(r.json).toEqual({
      error:
        "ops-check failed to start: java.lang.IllegalStateException: node 'kafka-sink.ops.paid.source' connection.bootstrapServers needs KAFKA_BOOTSTRAP_SERVERS, which is neither given with --conf KAFKA_BOOTSTRAP_SERVERS=... nor set in the environment · pipelines/ops-check.ts:11:5",
    });
  });

  it("shows a failed job's root cause, shortened, at the TypeScript line of the operator that failed", async () => {
    const submitted = tsflink(["submit", "pipelines/ops-fail.ts"]);
    expect(submitted.stderr).toBe("");
    expect(submitted.status).toBe(0);
    const jobId = submitted.json["jobId"] as string;
    jobs.push(jobId);
    expect(await waitForState(jobId, "FAILED")).toBe("FAILED");
    // The exception history is written a moment after the state changes.
    let status = tsflink(["status", jobId]);
    for (let i = 0; i < 40 && status.json["rootCause"] === null; i++) {
      await new Promise((r) => setTimeout(r, 500));
      status = tsflink(["status", jobId]);
    }
    expect(status.status).toBe(0);
    expect(status.json["state"]).toBe("FAILED");
    const rootCause = status.json["rootCause"] as { message: string; task: string; operator: string; locations: string[] };
    expect(rootCause.message).toBe(
      "org.apache.kafka.common.KafkaException: Unexpected error in InitProducerIdResponse; The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).",
    );
    // The task is the whole chain (source and sink run in one task); the stack trace shows it was the sink's writer.
    expect(rootCause.task).toMatch(/^Source: source ops\.orders · ops-fail\.ts:10 -> .* -> sink ops\.failed · ops-fail\.ts:11: Writer -> /);
    expect(rootCause.operator).toBe("sink ops.failed · ops-fail.ts:11: Writer");
    expect(rootCause.locations).toEqual(["ops-fail.ts:11"]);
    const human = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "status", jobId], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
    expect(human.stdout.trim().split("\n").at(-1)).toBe(`root cause: ${rootCause.message} · ops-fail.ts:11`);
  }, 120_000);

  it("submit --no-detached waits for the job to end and fails when it did not finish", () => {
    const r = tsflink(["submit", "pipelines/ops-fail.ts", "--no-detached"]);
    expect(r.status).toBe(1);
    expect(r.json["error"]).toMatch(/^ops-fail [0-9a-f]{32} ended FAILED; `tsflink status [0-9a-f]{32}` shows why$/);
  }, 120_000);

  it("stop --savepoint --drain fires the open windows before the savepoint; without it they stay open", async () => {
    const kafka = kafkaClient(env["KAFKA_BOOTSTRAP_SERVERS"]!, "ops-e2e");
    const minute = Date.UTC(2026, 0, 1, 12, 0, 0);
    const clicks = [["a", 5], ["b", 10], ["a", 20], ["a", 30], ["b", 59]].map(([user, s]) => ({ user, at: minute + Number(s) * 1000 }));
    await produceValues(kafka, "ops.clicks", clicks.map((c) => Buffer.from(JSON.stringify(c))));
    const submitted = tsflink(["submit", "pipelines/ops-drain.ts"]);
    expect(submitted.stderr).toBe("");
    expect(submitted.status).toBe(0);
    const jobId = submitted.json["jobId"] as string;
    jobs.push(jobId);
    await waitForTasks(jobId);

    // Wait until the window operator has taken all five clicks in.
    type Operator = { name: string; recordsIn: number | null };
    const windowIn = () => (tsflink(["status", jobId]).json["vertices"] as { operators: Operator[] }[]).flatMap((v) => v.operators).find((o) => o.name.startsWith("aggregate"))?.recordsIn;
    for (let i = 0; i < 60 && windowIn() !== 5; i++) await new Promise((r) => setTimeout(r, 1000));
    expect(windowIn()).toBe(5);
    // Event time is at 12:00:59 minus the allowed disorder: the minute's window has not fired.
    expect(await readCommitted(env["KAFKA_BOOTSTRAP_SERVERS"]!, ["ops.clicks.per-user"], () => false, 4_000)).toEqual([]);

    const stop = tsflink(["stop", jobId, "--savepoint", "--drain"]);
    expect(stop.stderr).toBe("");
    expect(stop.status).toBe(0);
    savepoints.push(stop.json["savepoint"] as string);
    expect(fs.existsSync(path.join(fileURLToPath(stop.json["savepoint"] as string), "_metadata"))).toBe(true);
    expect(await waitForState(jobId, "FINISHED")).toBe("FINISHED");
    const fired = await readCommitted(env["KAFKA_BOOTSTRAP_SERVERS"]!, ["ops.clicks.per-user"], (rs) => rs.length >= 2, 30_000, 2_000);
    const windowEnd = minute + 60_000;
    expect(fired.map((r) => JSON.parse(r.value.toString())).sort((x, y) => x.user.localeCompare(y.user))).toEqual([
      { user: "a", clicks: 3, windowEnd },
      { user: "b", clicks: 2, windowEnd },
    ]);
  }, 180_000);
});
