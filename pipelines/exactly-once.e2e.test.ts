import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlinkRestClient } from "../compiler/src/flink/flink-rest-client.js";
import { down, ensureStack, ensureTaskManager, status, type StackHandle } from "../flink-deploy/local/src/stack.js";
import { CUSTOMERS, expectedLatest, exactlyOnceEvent, produceEvents } from "./exactly-once-events.js";
import { resolveStackConfig } from "../flink-deploy/local/src/stack-config.js";
import { kafkaClient, readCommitted, recreateTopics } from "./kafka-io.js";
import { connectStores, mongoDatabase, readHashes, resetSinks, type SinkStores, type StoreUrls } from "./sink-stores.js";

const root = path.resolve(import.meta.dirname, "..");
const EVENTS = 100_000;
const PARTITIONS = 2;
const TOPICS = ["eo.events", "eo.out"];
const SINK_IDS = ["kafka-sink.eo.out", "postgres-sink.eo_events", "postgres-sink.eo_customer_latest", "mongo-sink.eo_customers", "redis-sink.latest"];
const REDIS_KEYS = "eo:customer:*";
/**
 * The failure tests run on a Flink cluster, PostgreSQL and Redis of their own (Kafka and MongoDB
 * are the local stack's): killing a TaskManager or restarting a database must not fail other
 * people's jobs, and their jobs must not take the slots this job restarts into. Their ports are
 * the local stack's moved by a fixed offset, so a stack moved with `TSFLINK_*_PORT` takes its
 * failure tests' servers along and two checkouts can run this test at once; with the default
 * ports they stay below Linux's ephemeral range (32768+), where an outgoing connection may hold one.
 */
const OWN_PORT_OFFSET = 2000;

function ownPorts(): Record<string, string> {
  const { ports } = resolveStackConfig();
  const settings = [...Object.values(ports.flink), ports.postgres.server, ports.redis.server];
  return Object.fromEntries(settings.map((s) => [s.envVar, String(s.port + OWN_PORT_OFFSET)]));
}

/**
 * The point of issue 4: one pipeline (pipelines/exactly-once.ts) writes 100,000 events to Kafka,
 * PostgreSQL (append and upsert), MongoDB and Redis while the TaskManager JVM is killed with
 * SIGKILL, or PostgreSQL and Redis are restarted, in the middle of the stream. When the input is
 * drained every store must hold exactly the expected result: nothing lost, nothing twice.
 */
describe("exactly-once sinks under failures, on the local cluster", () => {
  let shared: StackHandle | undefined;
  let stack: StackHandle | undefined;
  let own: { env: NodeJS.ProcessEnv };
  let home: string | undefined;
  let flink: FlinkRestClient;
  let urls: StoreUrls;
  let bootstrapServers: string;
  let stores: SinkStores | undefined;
  let jobId: string | undefined;

  beforeAll(async () => {
    shared = await ensureStack();
    home = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-exactly-once-"));
    // mkdtemp makes the directory 0700; PostgreSQL runs as the postgres account, which must pass through it.
    fs.chmodSync(home, 0o755);
    own = {
      env: {
        ...process.env,
        TSFLINK_HOME: home,
        ...ownPorts(),
        FLINK_REST_URL: undefined,
        PG_URL: undefined,
        REDIS_URL: undefined,
        KAFKA_BOOTSTRAP_SERVERS: shared.stack.services.kafka.bootstrapServers,
        MONGODB_URI: shared.stack.services.mongodb.uri,
      },
    };
    stack = await ensureStack(own);
    const services = stack.stack.services;
    flink = new FlinkRestClient(services.flink.restUrl);
    bootstrapServers = services.kafka.bootstrapServers;
    urls = { pgUrl: services.postgres.url, mongoUri: services.mongodb.uri, redisUrl: services.redis.url };
  });

  afterAll(async () => {
    if (flink) await cancelRunning();
    await stores?.close();
    // Stops this test's own Flink, PostgreSQL and Redis: everything `ensureStack(own)` started.
    await stack?.stop();
    await shared?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  async function cancelRunning(): Promise<void> {
    for (const job of await flink.listJobs()) {
      if (job.name === "exactly-once" && !["CANCELED", "FAILED", "FINISHED"].includes(job.state)) await flink.cancel(job.jobId);
    }
    jobId = undefined;
  }

  /** Topics, tables, collections, keys and fences from nothing; the tables made by `tsflink migrate`. */
  async function freshRun(): Promise<void> {
    await cancelRunning();
    await stores?.close();
    stores = await connectStores(urls);
    const admin = kafkaClient(bootstrapServers, "eo-admin").admin();
    await admin.connect();
    try {
      await recreateTopics(admin, TOPICS, PARTITIONS);
    } finally {
      await admin.disconnect();
    }
    await resetSinks(stores, urls.mongoUri, { sinkIds: SINK_IDS, tables: ["eo_events", "eo_customer_latest"], collections: ["eo_customers"], redisKeyPattern: REDIS_KEYS });
    expect(cli(["migrate", "pipelines/exactly-once.ts"]).status).toBe(0);
    const submit = cli(["submit", "pipelines/exactly-once.ts", "--json"]);
    expect(submit.stderr).toBe("");
    expect(submit.status).toBe(0);
    jobId = (JSON.parse(submit.stdout) as { jobId: string }).jobId;
    await waitAllRunning(jobId, 120_000);
  }

  function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: bootstrapServers, PG_URL: urls.pgUrl, MONGODB_URI: urls.mongoUri, REDIS_URL: urls.redisUrl },
    });
  }

  /** Until the job and every one of its tasks runs again (after a restart, on the new TaskManager). */
  async function waitAllRunning(id: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await flink.job(id).catch(() => undefined);
      if (job?.state === "RUNNING" && job.vertices.every((v) => v.status === "RUNNING")) return;
      if (job && ["FAILED", "CANCELED", "FINISHED"].includes(job.state)) throw new Error(`job ${id} ended ${job.state}: ${(await flink.latestException(id))?.exceptionName ?? ""}`);
      if (Date.now() > deadline) throw new Error(`job ${id} not running after ${timeoutMs} ms: ${job?.state}, ${job?.vertices.map((v) => `${v.name}=${v.status}`).join(", ")}`);
      await sleep(250);
    }
  }

  interface CheckpointStats {
    readonly history?: readonly { readonly id: number; readonly status: string }[];
    readonly latest?: { readonly restored?: { readonly id: number; readonly restore_timestamp: number } | null };
  }

  async function checkpointStats(id: string): Promise<CheckpointStats> {
    return (await (await fetch(`${flink.baseUrl}/jobs/${id}/checkpoints`)).json()) as CheckpointStats;
  }

  /**
   * The id of a checkpoint the JobManager has triggered and not completed yet, read from its log as
   * it is written. A checkpoint here takes about 15 ms and Flink's REST statistics are cached for
   * seconds, so they seldom show one in progress; the log shows every one.
   */
  async function checkpointInProgress(id: string, timeoutMs: number): Promise<number> {
    const logFile = path.join(home!, "logs", "flink-jobmanager.log");
    const deadline = Date.now() + timeoutMs;
    let offset = fs.statSync(logFile).size;
    let unfinishedLine = "";
    let triggered: number | undefined;
    while (Date.now() < deadline) {
      const size = fs.statSync(logFile).size;
      if (size > offset) {
        const chunk = Buffer.alloc(size - offset);
        const fd = fs.openSync(logFile, "r");
        try {
          fs.readSync(fd, chunk, 0, chunk.length, offset);
        } finally {
          fs.closeSync(fd);
        }
        offset = size;
        const lines = (unfinishedLine + chunk.toString("utf8")).split("\n");
        unfinishedLine = lines.pop() ?? "";
        for (const line of lines) {
          const start = /Triggering checkpoint (\d+) .* for job (\w+)/.exec(line);
          if (start && start[2] === id) triggered = Number(start[1]);
          const end = /Completed checkpoint (\d+) for job (\w+)/.exec(line);
          if (end && end[2] === id && Number(end[1]) === triggered) triggered = undefined;
        }
        if (triggered !== undefined) return triggered;
      }
      await sleep(2);
    }
    throw new Error(`no checkpoint of job ${id} was in progress within ${timeoutMs} ms`);
  }

  /** Kills the TaskManager's JVM with SIGKILL; resolves to the moment it did. */
  async function killTaskManager(why: string): Promise<number> {
    const flinkStatus = (await status(own)).services.flink;
    const taskManager = flinkStatus.processes.find((p) => p.role === "flink-taskmanager" && p.state === "running");
    if (taskManager?.pid === undefined) throw new Error("no TaskManager runs to kill");
    const killedAt = Date.now();
    process.kill(taskManager.pid, "SIGKILL");
    console.log(`kill -9 TaskManager pid ${taskManager.pid} (${why})`);
    // A signalled process lives on for a moment, holding its ports; a new TaskManager needs them.
    const deadline = Date.now() + 30_000;
    while (isAlive(taskManager.pid)) {
      if (Date.now() > deadline) throw new Error(`TaskManager pid ${taskManager.pid} still exists 30 s after SIGKILL`);
      await sleep(20);
    }
    return killedAt;
  }

  /**
   * Whether anything of process `pid` is left. Its main thread turns zombie while the JVM's other
   * threads still tear down and hold its sockets, so only a reaped process is really gone.
   */
  function isAlive(pid: number): boolean {
    return fs.existsSync(`/proc/${pid}`);
  }

  /**
   * Starts a TaskManager again and waits until the job has restored its state from a checkpoint
   * after the kill and runs every task again; resolves to the checkpoint it restored.
   */
  async function recover(killedAt: number): Promise<number> {
    // A TaskManager started while the JobManager still counts the killed one (same address, until
    // its heartbeats fail) gets a half-open connection from it and never registers.
    const gone = Date.now() + 120_000;
    while ((await (await fetch(`${flink.baseUrl}/taskmanagers`)).json() as { taskmanagers: unknown[] }).taskmanagers.length > 0) {
      if (Date.now() > gone) throw new Error("the JobManager still lists the killed TaskManager after 120 s");
      await sleep(250);
    }
    const pid = await ensureTaskManager(own);
    console.log(`TaskManager started again: pid ${pid}`);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const restored = (await checkpointStats(jobId!)).latest?.restored;
      if (restored && restored.restore_timestamp >= killedAt) {
        await waitAllRunning(jobId!, Math.max(1_000, deadline - Date.now()));
        console.log(`the job restored checkpoint ${restored.id} and runs again`);
        return restored.id;
      }
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not restore from a checkpoint within 180 s of the kill`);
      await sleep(250);
    }
  }

  /** Reads every store until each holds the expected final result (or time runs out), then compares exactly. */
  async function drainAndCompare(): Promise<void> {
    const latest = expectedLatest(EVENTS);
    const s = stores!;
    const counts = async () => {
      const append = await s.pg.query<{ n: number }>("select count(*)::int as n from eo_events");
      const upsert = await s.pg.query<{ n: number }>(`select count(*)::int as n from eo_customer_latest where "lastSeq" >= $1`, [EVENTS - CUSTOMERS]);
      const mongo = await s.mongo.db(mongoDatabase(urls.mongoUri)).collection("eo_customers").countDocuments({ lastSeq: { $gte: EVENTS - CUSTOMERS } });
      return { append: append.rows[0]!.n, upsert: upsert.rows[0]!.n, mongo };
    };
    const deadline = Date.now() + 300_000;
    for (;;) {
      const c = await counts();
      if ((c.append >= EVENTS && c.upsert >= CUSTOMERS && c.mongo >= CUSTOMERS) || Date.now() > deadline) break;
      await sleep(2_000);
    }
    // Two more checkpoints: a duplicate or a stale replay committed late would show now.
    await sleep(6_000);

    const appendRows = await s.pg.query<{ eventId: string; seq: number; customer: string; amount: number }>(
      `select "eventId", "seq", "customer", "amount" from eo_events order by "eventId"`,
    );
    const distinct = await s.pg.query<{ n: number }>(`select count(distinct "eventId")::int as n from eo_events`);
    const upsertRows = await s.pg.query(`select "customer", "lastSeq", "lastEventId", "lastAmount" from eo_customer_latest order by "customer"`);
    const documents = await s.mongo.db(mongoDatabase(urls.mongoUri)).collection("eo_customers").find({}).sort({ _id: 1 }).toArray();
    const hashes = await readHashes(s.redis, REDIS_KEYS);
    const out = await readCommitted(bootstrapServers, ["eo.out"], (records) => records.length >= EVENTS, 120_000, 3_000);
    const outEvents = out.map((record) => JSON.parse(record.value.toString("utf8")) as { eventId: string });

    console.log(
      `compared: append table ${appendRows.rowCount}/${EVENTS} rows (${distinct.rows[0]!.n} distinct ids), ` +
        `upsert table ${upsertRows.rowCount}/${CUSTOMERS} rows, Mongo ${documents.length}/${CUSTOMERS} documents, ` +
        `Redis ${hashes.size}/${CUSTOMERS} hashes, Kafka read_committed ${outEvents.length}/${EVENTS} records (${new Set(outEvents.map((e) => e.eventId)).size} distinct)`,
    );

    const allEvents = Array.from({ length: EVENTS }, (_, i) => exactlyOnceEvent(i));
    expect(distinct.rows[0]!.n).toBe(EVENTS);
    expect(appendRows.rows).toEqual(allEvents);
    const expectedRows = [...latest.values()].sort((a, b) => a.customer.localeCompare(b.customer));
    expect(upsertRows.rows).toEqual(expectedRows);
    expect(documents).toEqual(expectedRows.map((r) => ({ _id: r.customer, ...r })));
    expect(Object.fromEntries([...hashes].sort(([a], [b]) => a.localeCompare(b)))).toEqual(
      Object.fromEntries(expectedRows.map((r) => [`eo:customer:${r.customer}`, { lastSeq: String(r.lastSeq), lastEventId: r.lastEventId, lastAmount: String(r.lastAmount) }])),
    );
    expect(outEvents.sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(allEvents);
  }

  it("kill -9 of the TaskManager three times, once during a checkpoint: every sink holds exactly the expected result", async () => {
    await freshRun();
    const kafka = kafkaClient(bootstrapServers, "eo-producer");
    const producing = produceEvents(kafka, "eo.events", EVENTS, { partitions: PARTITIONS, batch: 500, durationMs: 60_000 });

    const randomMs = (min: number, max: number) => Math.round(min + Math.random() * (max - min));
    let wait = randomMs(3_000, 10_000);
    console.log(`waiting ${wait} ms before the first kill`);
    await sleep(wait);
    const restored = [await recover(await killTaskManager("at a random moment"))];

    // The checkpoint may complete between reading its trigger in the log and the kill; only a
    // restore of an earlier one proves the kill came first.
    let killedDuring: number | undefined;
    for (let attempt = 1; attempt <= 4 && killedDuring === undefined; attempt++) {
      const checkpoint = await checkpointInProgress(jobId!, 60_000);
      const back = await recover(await killTaskManager(`while checkpoint ${checkpoint} is in progress`));
      restored.push(back);
      if (back < checkpoint) killedDuring = checkpoint;
      else console.log(`checkpoint ${checkpoint} had completed before the kill (its commit ran after the restore); killing again`);
    }
    expect(killedDuring).toBeDefined();

    wait = randomMs(2_000, 8_000);
    console.log(`waiting ${wait} ms before the third kill`);
    await sleep(wait);
    restored.push(await recover(await killTaskManager("at a random moment")));

    await producing;
    console.log(`${restored.length} kills, restored checkpoints ${restored.join(", ")}; checkpoint ${killedDuring} was in progress at a kill`);
    await drainAndCompare();
  }, 900_000);

  it("PostgreSQL and Redis restarted mid-stream: the job waits for them and every sink holds exactly the expected result", async () => {
    await freshRun();
    const kafka = kafkaClient(bootstrapServers, "eo-producer");
    const producing = produceEvents(kafka, "eo.events", EVENTS, { partitions: PARTITIONS, batch: 500, durationMs: 40_000 });
    await sleep(10_000);
    console.log("stopping PostgreSQL and Redis");
    await stores?.close();
    await down({ ...own, services: ["postgres", "redis"] });
    await sleep(5_000);
    console.log("starting PostgreSQL and Redis again");
    // Relaunches exactly what is missing; the handle's stop() is the first ensureStack's business.
    await ensureStack(own);
    stores = await connectStores(urls);
    await producing;
    await drainAndCompare();
  }, 900_000);
});
