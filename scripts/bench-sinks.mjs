// The exactly-once database sinks against plain clients, in one run (`npm run bench -- sinks`, or
// `node scripts/bench-sinks.mjs` alone). For each sink — PostgreSQL append, PostgreSQL upsert,
// MongoDB, Redis hash — the same BENCH_SINK_RECORDS records (default 200000,
// pipelines/bench/sink-events.ts) are written twice with the same batch size (500):
//   plain client  Node's pg / mongodb / ioredis writing batch after batch, each batch one round trip
//                 (a multi-row INSERT [… ON CONFLICT … DO UPDATE] committed on its own, an ordered
//                 bulkWrite of replaceOne upserts, a pipeline of HSETs)
//   exactly-once  the tsflink sink in a Flink job on the local cluster (parallelism 1, checkpoint
//                 every second) reading the records from Kafka (preloaded); records/s from the moment
//                 the job runs (Flink's RUNNING timestamp) to the moment the store holds every record,
//                 so the wait for checkpoints, which exactly-once costs, is counted
// and the ratio exactly-once / plain is printed (the target is at least 0.8).
import { spawn } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureAll, root } from "./setup.mjs";

const N = Number(process.env.BENCH_SINK_RECORDS ?? 200_000);
const BATCH = 500;
const TOPIC = "bench.sink-events";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs every sink case on the local stack and returns the rows of the result table. */
export async function benchSinks() {
  ensureAll();
  const { up } = await import("../dist/flink-deploy/local/src/stack.js");
  const { FlinkRestClient } = await import("../dist/compiler/src/flink/flink-rest-client.js");
  const { kafkaClient, recreateTopics } = await import("../dist/pipelines/kafka-io.js");
  const { connectStores, mongoDatabase, resetSinks, scanAll } = await import("../dist/pipelines/sink-stores.js");
  const { benchEvent } = await import("../dist/pipelines/bench/sink-events.js");
  const { createTableSql, tablesOf } = await import("../dist/compiler/src/cli/migrate-command.js");
  const { compilePipeline } = await import("../dist/compiler/src/compile.js");

  const stack = await up();
  const services = stack.services;
  const urls = { pgUrl: services.postgres.url, mongoUri: services.mongodb.uri, redisUrl: services.redis.url };
  const flink = new FlinkRestClient(services.flink.restUrl);
  const kafka = kafkaClient(services.kafka.bootstrapServers, "tsflink-bench-sinks");
  const stores = await connectStores(urls);
  const db = stores.mongo.db(mongoDatabase(urls.mongoUri));
  const events = Array.from({ length: N }, (_, i) => benchEvent(i));
  const columns = ["eventId", "seq", "customer", "amount", "note"];

  await preload();

  const cases = [
    {
      name: "PostgreSQL append",
      pipeline: "pipelines/bench/sink-postgres-append.ts",
      table: "bench_append",
      plain: (target) => postgresBatches(target, ""),
      count: (target) => pgCount(target),
    },
    {
      name: "PostgreSQL upsert",
      pipeline: "pipelines/bench/sink-postgres-upsert.ts",
      table: "bench_upsert",
      plain: (target) =>
        postgresBatches(target, ` on conflict ("eventId") do update set ${columns.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(", ")}`),
      count: (target) => pgCount(target),
    },
    {
      name: "MongoDB replace",
      pipeline: "pipelines/bench/sink-mongo.ts",
      collection: "bench_events",
      plain: async (target) => {
        for (let i = 0; i < N; i += BATCH) {
          const batch = events.slice(i, i + BATCH);
          await db.collection(target).bulkWrite(
            batch.map((e) => ({ replaceOne: { filter: { _id: e.eventId }, replacement: { _id: e.eventId, ...e }, upsert: true } })),
            { ordered: true },
          );
        }
      },
      count: (target) => db.collection(target).countDocuments(),
      // countDocuments scans the whole collection on the wire server: polled, it would slow down
      // the sink being measured. The last record's _id is one indexed lookup.
      progress: async (target) => ((await db.collection(target).findOne({ _id: events[N - 1].eventId }, { projection: { _id: 1 } })) ? N : 0),
    },
    {
      name: "Redis hash",
      pipeline: "pipelines/bench/sink-redis.ts",
      keyPrefix: "bench:event:",
      plain: async (prefix) => {
        for (let i = 0; i < N; i += BATCH) {
          const pipeline = stores.redis.pipeline();
          for (const e of events.slice(i, i + BATCH)) {
            pipeline.hset(`${prefix}${e.eventId}`, { seq: String(e.seq), customer: e.customer, amount: String(e.amount), note: e.note });
          }
          await pipeline.exec();
        }
      },
      count: async (prefix) => (await scanAll(stores.redis, `${prefix}*`)).reduce((n, keys) => n + keys.length, 0),
      // Scanning every key on each poll would load the Redis being measured: the sink writes in
      // order, so the last record's key says when it finished.
      progress: async (prefix) => ((await stores.redis.exists(`${prefix}${events[N - 1].eventId}`)) === 1 ? N : 0),
    },
  ];

  const rows = [];
  try {
    for (const spec of cases) {
      const plainTarget = spec.table ? `${spec.table}_plain` : spec.collection ? `${spec.collection}_plain` : "bench:plain:";
      const target = spec.table ?? spec.collection ?? spec.keyPrefix;
      const compiled = compilePipeline(path.join(root, spec.pipeline), { projectRoot: root });
      if (!compiled.graph) throw new Error(`${spec.pipeline} does not compile:\n${compiled.report}`);
      const sinkIds = compiled.graph.nodes.filter((n) => n.kind.endsWith("-sink")).map((n) => n.id);
      await resetSinks(stores, urls.mongoUri, {
        sinkIds,
        tables: spec.table ? [spec.table, plainTarget] : [],
        collections: spec.collection ? [spec.collection, plainTarget] : [],
        ...(spec.keyPrefix ? { redisKeyPattern: `${spec.keyPrefix}*` } : {}),
      });
      if (spec.keyPrefix) for (const keys of await scanAll(stores.redis, `${plainTarget}*`)) await stores.redis.del(...keys);
      if (spec.table) {
        for (const table of tablesOf(compiled.graph)) {
          await stores.pg.query(createTableSql(table).replace(/^create table /, "create table if not exists "));
          if (table.table === spec.table) await stores.pg.query(createTableSql({ ...table, table: plainTarget }));
        }
      }

      const plainStarted = performance.now();
      await spec.plain(plainTarget);
      const plainSeconds = (performance.now() - plainStarted) / 1000;
      const plainWritten = await spec.count(plainTarget);
      if (plainWritten !== N) throw new Error(`${spec.name}: the plain client left ${plainWritten} of ${N} records`);
      const plainRate = N / plainSeconds;

      const progress = async () => {
        if (!spec.progress) return spec.count(target);
        return spec.progress(target);
      };
      const exactlyOnce = await measureJob(spec.name, spec.pipeline, compiled.graph.job.name, progress, () => spec.count(target));
      const written = await spec.count(target);
      if (written !== N) throw new Error(`${spec.name}: the exactly-once sink left ${written} of ${N} records`);
      const row = { sink: spec.name, records: N, batchSize: BATCH, exactlyOnce: exactlyOnce.rate, plain: plainRate, ratio: exactlyOnce.rate / plainRate };
      rows.push(row);
      console.log(`${row.sink.padEnd(20)} exactly-once ${fmt(row.exactlyOnce)} records/s   plain ${fmt(row.plain)} records/s   ratio ${row.ratio.toFixed(2)}`);
    }
  } finally {
    await stores.close();
  }

  console.log(`\n| sink | exactly-once records/s | plain client records/s | ratio |\n|---|---:|---:|---:|`);
  for (const r of rows) console.log(`| ${r.sink} | ${fmt(r.exactlyOnce)} | ${fmt(r.plain)} | ${r.ratio.toFixed(2)} |`);
  console.log(`\n${N.toLocaleString("en-US")} records per sink, batch size ${BATCH}, sink parallelism 1, checkpoint every second, same run`);
  return rows;

  async function preload() {
    const admin = kafka.admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(TOPIC)) {
        const offsets = await admin.fetchTopicOffsets(TOPIC);
        if (offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0) === N) return;
      }
      await recreateTopics(admin, [TOPIC], 1);
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      for (let i = 0; i < N; i += 5000) {
        await producer.send({ topic: TOPIC, acks: -1, messages: events.slice(i, i + 5000).map((e) => ({ value: JSON.stringify(e) })) });
      }
    } finally {
      await producer.disconnect();
    }
    console.log(`${TOPIC}: ${N.toLocaleString("en-US")} records produced`);
  }

  async function postgresBatches(table, conflict) {
    const quoted = columns.map((c) => `"${c}"`).join(", ");
    for (let i = 0; i < N; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
      await stores.pg.query(`insert into "${table}" (${quoted}) values ${values}${conflict}`, batch.flatMap((e) => columns.map((c) => e[c])));
    }
  }

  async function pgCount(table) {
    return (await stores.pg.query(`select count(*)::int as n from "${table}"`)).rows[0].n;
  }

  /**
   * Submits the pipeline and times it from Flink's RUNNING timestamp to the moment the store holds
   * every record. The store is watched while `tsflink submit` runs: on a busy cluster the call can
   * return long after the job started writing.
   */
  async function measureJob(label, pipeline, jobName, progress, count) {
    const submitting = new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "submit", pipeline, "--json"], {
        cwd: root,
        env: { ...process.env, FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: services.kafka.bootstrapServers, PG_URL: urls.pgUrl, MONGODB_URI: urls.mongoUri, REDIS_URL: urls.redisUrl },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    let submit;
    submitting.then((result) => (submit = result));
    let finishedAt;
    const deadline = Date.now() + 15 * 60_000;
    try {
      for (;;) {
        const n = await progress();
        if (n >= N) {
          // The cheap check saw the last record; the rest of its commit may still be landing.
          while ((await count()) < N) {
            if (Date.now() > deadline) throw new Error(`${label}: the last record is there, the others not, after 15 minutes`);
            await sleep(100);
          }
          finishedAt = Date.now();
          break;
        }
        if (submit && submit.status !== 0) throw new Error(`submitting ${pipeline} failed:\n${submit.stderr}`);
        if (submit) {
          const jobId = JSON.parse(submit.stdout).jobId;
          const job = await flink.job(jobId);
          if (["FAILED", "CANCELED"].includes(job.state)) throw new Error(`${label}: the job ${job.state}: ${(await flink.latestException(jobId))?.stacktrace?.split("\n")[0] ?? ""}`);
        }
        if (Date.now() > deadline) throw new Error(`${label}: only ${n} of ${N} records after 15 minutes`);
        await sleep(250);
      }
    } finally {
      // The job by its name when `submit` has not answered yet.
      for (const job of await flink.listJobs()) {
        if (job.name === jobName && !["CANCELED", "FAILED", "FINISHED"].includes(job.state)) await flink.cancel(job.jobId).catch(() => undefined);
      }
      await Promise.race([submitting, sleep(30_000)]);
    }
    const runs = (await flink.listJobs()).filter((job) => job.name === jobName).sort((a, b) => b.startTime - a.startTime);
    const running = (await flink.job(runs[0].jobId)).timestamps?.RUNNING;
    if (!running) throw new Error(`${label}: Flink does not say when the job started running`);
    return { rate: N / ((finishedAt - running) / 1000) };
  }
}

function fmt(n) {
  return Math.round(n).toLocaleString("en-US").padStart(9);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchSinks();
  process.exit(0);
}
