// `npm run bench`: throughput of pipelines on the local cluster, each against a baseline measured
// in the same run on the same Kafka input (these machines are noisy: compare ratios, not runs).
//   BENCH_ORDERS   records preloaded into `bench.orders` (default 1000000)
//   BENCH_ROUNDS   alternating rounds of baseline and case (default 2); the best of each is compared
// Cases: the demo pipeline (pipelines/orders.ts, read from `bench.orders`) against a pass-through
// pipeline (pipelines/bench/passthrough.ts); plus the compiler's cold and warm compile times.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureAll, root } from "./setup.mjs";

const N = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
ensureAll();
const { up } = await import("../dist/flink-deploy/local/src/stack.js");
const { compilePipeline, writeArtifacts } = await import("../dist/compiler/src/compile.js");
const { FlinkRestClient } = await import("../dist/compiler/src/flink/flink-rest-client.js");
const { kafkaClient, produceValues, recreateTopics } = await import("../dist/pipelines/kafka-io.js");
const { sampleOrder } = await import("../dist/pipelines/sample-orders.js");
const avro = (await import("avsc")).default;

const stack = await up();
const flink = new FlinkRestClient(stack.services.flink.restUrl);
const bootstrap = stack.services.kafka.bootstrapServers;
const kafka = kafkaClient(bootstrap, "tsflink-bench");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The demo pipeline, reading the benchmark topic: same functions, different topics and name. */
function demoVariant(dir) {
  const source = fs
    .readFileSync(path.join(root, "pipelines/orders.ts"), "utf8")
    .replace('name: "orders"', 'name: "bench-orders"')
    .replaceAll('topic: "orders', 'topic: "bench.orders');
  const file = path.join(dir, "orders.ts");
  fs.writeFileSync(file, source);
  return file;
}

async function preload(dir) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (topics.includes("bench.orders")) {
      const offsets = await admin.fetchTopicOffsets("bench.orders");
      if (offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0) === N) return;
    }
    await recreateTopics(admin, ["bench.orders"]);
  } finally {
    await admin.disconnect();
  }
  const compiled = compilePipeline(path.join(root, "pipelines/orders.ts"), { projectRoot: root });
  writeArtifacts(compiled, dir);
  const type = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(dir, "orders.schemas/Order.avsc"), "utf8")));
  process.stdout.write(`preloading ${N} Avro orders into bench.orders… `);
  const started = performance.now();
  for (let i = 0; i < N; i += 50_000) {
    const values = [];
    for (let j = i; j < Math.min(N, i + 50_000); j++) values.push(type.toBuffer({ coupon: null, ...sampleOrder(j) }));
    await produceValues(kafka, "bench.orders", values, 2000);
  }
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Records the source has handed on so far: the dead-letter router sees every decoded or bad record. */
async function recordsIn(jobId) {
  const job = await flink.job(jobId);
  const vertex = job.vertices.find((v) => v.name.startsWith("Source:"));
  const listed = await (await fetch(`${flink.baseUrl}/jobs/${jobId}/vertices/${vertex.id}/metrics`)).json();
  const ids = listed.map((m) => m.id).filter((id) => /^\d+\.source_.*dead_letters\.numRecordsIn$/.test(id));
  if (ids.length === 0) return 0;
  const values = await (await fetch(`${flink.baseUrl}/jobs/${jobId}/vertices/${vertex.id}/metrics?get=${encodeURIComponent(ids.join(","))}`)).json();
  return values.reduce((sum, m) => sum + Number(m.value), 0);
}

async function measure(label, file) {
  for (const out of ["bench.passthrough", "bench.orders.paid", "bench.orders.cancelled", "bench.orders.dlq"]) {
    const admin = kafka.admin();
    await admin.connect();
    await recreateTopics(admin, [out]);
    await admin.disconnect();
  }
  const submit = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "submit", file, "--json"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: bootstrap },
  });
  if (submit.status !== 0) throw new Error(`${label}: submit failed: ${submit.stderr}`);
  const { jobId } = JSON.parse(submit.stdout);
  let first;
  let last = { t: 0, n: 0 };
  const deadline = Date.now() + 15 * 60_000;
  try {
    for (;;) {
      const n = await recordsIn(jobId).catch(() => 0);
      const t = performance.now();
      if (n > 0 && first === undefined) first = { t, n };
      if (n >= N) {
        last = { t, n };
        break;
      }
      if (Date.now() > deadline) throw new Error(`${label}: only ${n} of ${N} records after 15 minutes`);
      await sleep(200);
    }
  } finally {
    await flink.cancel(jobId).catch(() => undefined);
  }
  const perSecond = (last.n - first.n) / ((last.t - first.t) / 1000);
  console.log(`${label.padEnd(28)} ${Math.round(perSecond).toLocaleString("en-US").padStart(12)} records/s`);
  await sleep(3000);
  return perSecond;
}

function compileTimes() {
  const cold = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const t0 = performance.now();
       const { compilePipeline } = await import(${JSON.stringify(path.join(root, "dist/compiler/src/compile.js"))});
       compilePipeline(${JSON.stringify(path.join(root, "pipelines/orders.ts"))});
       const t1 = performance.now();
       compilePipeline(${JSON.stringify(path.join(root, "pipelines/orders.ts"))});
       console.log(JSON.stringify({ cold: t1 - t0, warm: performance.now() - t1 }));`,
    ],
    { encoding: "utf8", cwd: root },
  );
  return JSON.parse(cold.stdout);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-bench-"));
try {
  await preload(dir);
  const times = compileTimes();
  console.log(`\ncompile pipelines/orders.ts: cold ${Math.round(times.cold)} ms (new process, includes loading TypeScript), warm ${Math.round(times.warm)} ms\n`);
  const variant = demoVariant(dir);
  const baseline = [];
  const demo = [];
  // Alternating rounds, so a slow patch of the machine hits both cases rather than one.
  for (let round = 1; round <= ROUNDS; round++) {
    baseline.push(await measure(`pass-through (baseline) #${round}`, path.join(root, "pipelines/bench/passthrough.ts")));
    demo.push(await measure(`orders.ts (demo) #${round}`, variant));
  }
  const best = (xs) => Math.max(...xs);
  console.log(`\nbest of ${ROUNDS}: pass-through ${Math.round(best(baseline)).toLocaleString("en-US")} records/s, demo ${Math.round(best(demo)).toLocaleString("en-US")} records/s`);
  console.log(`ratio demo / pass-through: ${(best(demo) / best(baseline)).toFixed(2)}  (${N} records, parallelism 2, same cluster, same run)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
