// The exactly-once database sinks against plain clients, in one run (`npm run bench -- sinks`, or
// `node scripts/bench-sinks.mjs` alone). For each sink — PostgreSQL append, PostgreSQL upsert,
// MongoDB, Redis hash — the same records (pipelines/bench/sink-events.ts) are written twice with
// the same batch size (500), the plain client first, then the exactly-once job, in the same run:
//   records       BENCH_SINK_RECORDS (default 1,000,000) for PostgreSQL and Redis, from the topic
//                 bench.sink-events; BENCH_SINK_MONGO_RECORDS (default 300,000: the Mongo wire
//                 server is slow: that count keeps the plain client busy over 30 s) for MongoDB, from
//                 bench.sink-events-mongo. Each run spans tens of checkpoints (1 s apart), so the
//                 timed span below is steady state.
//   plain client  Node's pg / mongodb / ioredis writing batch after batch, each batch one round trip
//                 (a multi-row INSERT [… ON CONFLICT … DO UPDATE] committed on its own, an ordered
//                 bulkWrite of replaceOne upserts, a pipeline of HSETs); timed from the first batch
//                 sent to the last one acknowledged.
//   exactly-once  the tsflink sink in a Flink job on the local cluster (parallelism 1, checkpoint
//                 every second) reading the preloaded records from Kafka; the store is polled every
//                 200 ms and the job is timed in steady state: from the first poll that sees a
//                 committed record (t0, when c0 records are visible) to the first poll that sees the
//                 last record (t1), records/s = (N − c0) / (t1 − t0). Job submission, start-up and
//                 the wait for the first checkpoint are before t0 and not counted; the waits for
//                 every later checkpoint, which exactly-once costs, are. The probes are cheap so the
//                 polling does not slow the sink: PostgreSQL count(*) (append) or an indexed lookup
//                 of the last key (upsert), a MongoDB _id lookup, a Redis EXISTS; c0 is one exact
//                 count (Redis: DBSIZE growth since the job was submitted). After t1 the store must
//                 hold exactly N records.
// and the ratio exactly-once / plain is printed (the target is at least 0.8).
import { spawn } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureAll, root } from "./setup.mjs";

const N_LARGE = Number(process.env.BENCH_SINK_RECORDS ?? 1_000_000);
const N_MONGO = Number(process.env.BENCH_SINK_MONGO_RECORDS ?? 300_000);
const BATCH = 500;
const POLL_MS = 200;
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
  const events = Array.from({ length: Math.max(N_LARGE, N_MONGO) }, (_, i) => benchEvent(i));
  const columns = ["eventId", "seq", "customer", "amount", "note"];

  await preload("bench.sink-events", N_LARGE);
  await preload("bench.sink-events-mongo", N_MONGO);

  const cases = [
    {
      name: "PostgreSQL append",
      pipeline: "pipelines/bench/sink-postgres-append.ts",
      records: N_LARGE,
      table: "bench_append",
      plain: (target, n) => postgresBatches(target, n, ""),
      count: (target) => pgCount(target),
      // No key to look up: the append table is counted; PostgreSQL answers it from the heap in
      // tens of milliseconds even at a million rows.
      probe: (target) => pgCount(target),
    },
    {
      name: "PostgreSQL upsert",
      pipeline: "pipelines/bench/sink-postgres-upsert.ts",
      records: N_LARGE,
      table: "bench_upsert",
      plain: (target, n) =>
        postgresBatches(target, n, ` on conflict ("eventId") do update set ${columns.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(", ")}`),
      count: (target) => pgCount(target),
      probe: async (target, n) => {
        const seen = async (e) => (await stores.pg.query(`select 1 from "${target}" where "eventId" = $1`, [e.eventId])).rowCount === 1;
        return (await seen(events[n - 1])) ? n : (await seen(events[0])) ? 1 : 0;
      },
    },
    {
      name: "MongoDB replace",
      pipeline: "pipelines/bench/sink-mongo.ts",
      records: N_MONGO,
      collection: "bench_events",
      plain: async (target, n) => {
        for (let i = 0; i < n; i += BATCH) {
          const batch = events.slice(i, Math.min(n, i + BATCH));
          await db.collection(target).bulkWrite(
            batch.map((e) => ({ replaceOne: { filter: { _id: e.eventId }, replacement: { _id: e.eventId, ...e }, upsert: true } })),
            { ordered: true },
          );
        }
      },
      count: (target) => db.collection(target).countDocuments(),
      // countDocuments scans the whole collection on the wire server: polled, it would slow down
      // the sink being measured. An _id is one indexed lookup.
      probe: async (target, n) => {
        const seen = async (e) => (await db.collection(target).findOne({ _id: e.eventId }, { projection: { _id: 1 } })) !== null;
        return (await seen(events[n - 1])) ? n : (await seen(events[0])) ? 1 : 0;
      },
    },
    {
      name: "Redis hash",
      pipeline: "pipelines/bench/sink-redis.ts",
      records: N_LARGE,
      keyPrefix: "bench:event:",
      plain: async (prefix, n) => {
        for (let i = 0; i < n; i += BATCH) {
          const pipeline = stores.redis.pipeline();
          for (const e of events.slice(i, Math.min(n, i + BATCH))) {
            pipeline.hset(`${prefix}${e.eventId}`, { seq: String(e.seq), customer: e.customer, amount: String(e.amount), note: e.note });
          }
          await pipeline.exec();
        }
      },
      count: async (prefix) => (await scanAll(stores.redis, `${prefix}*`)).reduce((n, keys) => n + keys.length, 0),
      // Scanning every key on each poll would load the Redis being measured; EXISTS is O(1).
      probe: async (prefix, n) => {
        const seen = async (e) => (await stores.redis.exists(`${prefix}${e.eventId}`)) === 1;
        return (await seen(events[n - 1])) ? n : (await seen(events[0])) ? 1 : 0;
      },
    },
  ];

  const rows = [];
  try {
    for (const spec of cases) {
      const n = spec.records;
      const plainTarget = spec.table ? `${spec.table}_plain` : spec.collection ? `${spec.collection}_plain` : "bench:plain:";
      const target = spec.table ?? spec.collection ?? spec.keyPrefix;
      const compiled = compilePipeline(path.join(root, spec.pipeline), { projectRoot: root });
      if (!compiled.graph) throw new Error(`${spec.pipeline} does not compile:\n${compiled.report}`);
      const sinkIds = compiled.graph.nodes.filter((node) => node.kind.endsWith("-sink")).map((node) => node.id);
      await resetSinks(stores, urls.mongoUri, {
        sinkIds,
        tables: spec.table ? [spec.table, plainTarget] : [],
        collections: spec.collection ? [spec.collection, plainTarget] : [],
        ...(spec.keyPrefix ? { redisKeyPattern: `${spec.keyPrefix}*` } : {}),
      });
      if (spec.keyPrefix) await unlinkKeys(plainTarget);
      if (spec.table) {
        for (const table of tablesOf(compiled.graph)) {
          await stores.pg.query(createTableSql(table).replace(/^create table /, "create table if not exists "));
          if (table.table === spec.table) await stores.pg.query(createTableSql({ ...table, table: plainTarget }));
        }
      }

      const plainStarted = performance.now();
      await spec.plain(plainTarget, n);
      const plainSeconds = (performance.now() - plainStarted) / 1000;
      const plainWritten = await spec.count(plainTarget);
      if (plainWritten !== n) throw new Error(`${spec.name}: the plain client left ${plainWritten} of ${n} records`);
      const plainRate = n / plainSeconds;
      // The local Redis has a 256 MB maxmemory: a million hashes twice would not fit, and the sink
      // would retry on OOM forever. Its own keys go after their count.
      if (spec.keyPrefix) await unlinkKeys(plainTarget);
      // The Mongo wire server runs in a 256 MB heap, which ran out (OutOfMemoryError in its log) with
      // both collections of an earlier run left in it: the plain client's documents go before the
      // sink writes its own, and the sink's after their count.
      if (spec.collection) await db.collection(plainTarget).drop();

      // c0 for Redis: the growth of DBSIZE since the submission (the sink's keys and its one fence key).
      const keysBefore = spec.keyPrefix ? await stores.redis.dbsize() : 0;
      const countAtFirst = spec.keyPrefix ? async () => (await stores.redis.dbsize()) - keysBefore : () => spec.count(target);
      const exactlyOnce = await measureJob(spec.name, spec.pipeline, compiled.graph.job.name, n, (m) => spec.probe(target, m), countAtFirst, () => spec.count(target));
      const written = await spec.count(target);
      if (written !== n) throw new Error(`${spec.name}: the exactly-once sink left ${written} of ${n} records`);
      if (spec.keyPrefix) await unlinkKeys(target);
      if (spec.collection) await db.collection(target).drop();
      const row = {
        sink: spec.name,
        records: n,
        batchSize: BATCH,
        exactlyOnce: exactlyOnce.rate,
        timed: exactlyOnce.timed,
        seconds: exactlyOnce.seconds,
        plain: plainRate,
        plainSeconds,
        ratio: exactlyOnce.rate / plainRate,
      };
      rows.push(row);
      console.log(
        `${row.sink.padEnd(20)} exactly-once ${fmt(row.exactlyOnce)} records/s (${row.timed} in ${row.seconds.toFixed(1)} s)   plain ${fmt(row.plain)} records/s (${n} in ${plainSeconds.toFixed(1)} s)   ratio ${row.ratio.toFixed(2)}`,
      );
    }
  } finally {
    await stores.close();
  }

  console.log(`\n| sink | records | exactly-once records/s (timed records, s) | plain client records/s (s) | ratio |\n|---|---:|---:|---:|---:|`);
  for (const r of rows) {
    console.log(
      `| ${r.sink} | ${r.records.toLocaleString("en-US")} | ${fmt(r.exactlyOnce).trim()} (${r.timed.toLocaleString("en-US")}, ${r.seconds.toFixed(1)}) | ${fmt(r.plain).trim()} (${r.plainSeconds.toFixed(1)}) | ${r.ratio.toFixed(2)} |`,
    );
  }
  console.log(`\nbatch size ${BATCH}, sink parallelism 1, checkpoint every second, plain and exactly-once in the same run; exactly-once timed from the first committed record visible to the last`);
  return rows;

  async function preload(topic, n) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(topic)) {
        const offsets = await admin.fetchTopicOffsets(topic);
        if (offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0) === n) return;
      }
      await recreateTopics(admin, [topic], 1);
    } finally {
      await admin.disconnect();
    }
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      for (let i = 0; i < n; i += 5000) {
        await producer.send({ topic, acks: -1, messages: events.slice(i, Math.min(n, i + 5000)).map((e) => ({ value: JSON.stringify(e) })) });
      }
    } finally {
      await producer.disconnect();
    }
    console.log(`${topic}: ${n.toLocaleString("en-US")} records produced`);
  }

  async function postgresBatches(table, n, conflict) {
    const quoted = columns.map((c) => `"${c}"`).join(", ");
    for (let i = 0; i < n; i += BATCH) {
      const batch = events.slice(i, Math.min(n, i + BATCH));
      const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
      await stores.pg.query(`insert into "${table}" (${quoted}) values ${values}${conflict}`, batch.flatMap((e) => columns.map((c) => e[c])));
    }
  }

  async function unlinkKeys(prefix) {
    for (const keys of await scanAll(stores.redis, `${prefix}*`)) if (keys.length > 0) await stores.redis.unlink(...keys);
  }

  async function pgCount(table) {
    return (await stores.pg.query(`select count(*)::int as n from "${table}"`)).rows[0].n;
  }

  /**
   * Submits the pipeline and times it in steady state: from the first poll whose probe sees a
   * committed record (t0, c0 records then) to the first poll whose probe sees the last one (t1).
   * `probe(n)` answers n once the last record is visible, something above 0 once any is. The
   * store is watched while `tsflink submit` runs: on a busy cluster the call can return long
   * after the job started writing.
   */
  async function measureJob(label, pipeline, jobName, n, probe, countAtFirst, count) {
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
    let first;
    let last;
    const deadline = Date.now() + 15 * 60_000;
    try {
      for (;;) {
        const polled = performance.now();
        const seen = await probe(n);
        if (seen > 0 && !first) first = { at: polled, count: seen >= n ? n : await countAtFirst() };
        if (seen >= n) {
          last = polled;
          break;
        }
        if (submit && submit.status !== 0) throw new Error(`submitting ${pipeline} failed:\n${submit.stderr}`);
        if (submit) {
          const jobId = JSON.parse(submit.stdout).jobId;
          const job = await flink.job(jobId);
          if (["FAILED", "CANCELED"].includes(job.state)) throw new Error(`${label}: the job ${job.state}: ${(await flink.latestException(jobId))?.stacktrace?.split("\n")[0] ?? ""}`);
        }
        if (Date.now() > deadline) throw new Error(`${label}: the last of ${n} records not there after 15 minutes`);
        await sleep(Math.max(0, POLL_MS - (performance.now() - polled)));
      }
      // The probe saw the last record; the rest of its commit may still be landing.
      while ((await count()) < n) {
        if (Date.now() > deadline) throw new Error(`${label}: the last record is there, the others not, after 15 minutes`);
        await sleep(100);
      }
    } finally {
      // The job by its name when `submit` has not answered yet.
      for (const job of await flink.listJobs()) {
        if (job.name === jobName && !["CANCELED", "FAILED", "FINISHED"].includes(job.state)) await flink.cancel(job.jobId).catch(() => undefined);
      }
      await Promise.race([submitting, sleep(30_000)]);
    }
    if (first.count >= n) throw new Error(`${label}: every record appeared in the first poll that saw any; raise the record count`);
    const seconds = (last - first.at) / 1000;
    return { rate: (n - first.count) / seconds, timed: n - first.count, seconds };
  }
}

function fmt(n) {
  return Math.round(n).toLocaleString("en-US").padStart(9);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchSinks();
  process.exit(0);
}
