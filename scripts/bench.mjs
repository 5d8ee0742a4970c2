// `npm run bench [-- <case>…]`: each example pipeline compiled from TypeScript against the same
// pipeline written by hand with Flink's Java DataStream API, on the same Kafka input and the same
// local cluster, in one run. Cases: orders-analytics, clickstream-sessions, fraud-check, and
// sinks (the exactly-once database sinks against plain clients, scripts/bench-sinks.mjs); all when
// none is named.
//   BENCH_RECORDS  Avro records preloaded per case (default 5000000); a topic that already holds
//                  exactly that many is reused
//   BENCH_ROUNDS   rounds per case (default 2); each round runs both jobs, the order alternating
//                  between rounds, and the best of each is compared
// Per run: output topics recreated, the job submitted, records/s read from the source operator's
// `numRecordsOut` (Flink REST metrics, refreshed every second) between the first sample that saw
// records and the one that saw them all; then, once the sinks stop moving, their record counts,
// which must agree between the two implementations. Also each pipeline's compile time, cold (a new
// Node process, loading TypeScript included) and warm (a second compile in that process).
// The bench variants (pipelines/bench/) write every sink to Kafka, so what is compared is the
// compiled code, not PostgreSQL, MongoDB or Redis.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { ensureAll, root, run } from "./setup.mjs";

const N = Number(process.env.BENCH_RECORDS ?? 5_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BASELINE_JAR = path.join(root, "runtime-java/bench-baselines/target/tsflink-bench-baselines.jar");

/** Each case: its input, the generator that fills it, and the two implementations. */
const CASES = {
  "orders-analytics": {
    input: "bench.examples.orders",
    generator: "orders",
    pipeline: "pipelines/orders-analytics.ts",
    compiled: "pipelines/bench/orders-analytics.ts",
    baselineClass: "dev.tsflink.bench.orders.OrdersAnalyticsJob",
    outputs: ["customer_revenue_1m", "paid_orders", "customer_revenue", "orders_cancelled", "dlq"],
  },
  "clickstream-sessions": {
    input: "bench.examples.clicks",
    generator: "clicks",
    pipeline: "pipelines/clickstream-sessions.ts",
    compiled: "pipelines/bench/clickstream-sessions.ts",
    baselineClass: "dev.tsflink.bench.clickstream.ClickstreamSessionsJob",
    outputs: ["sessions", "late"],
  },
  "fraud-check": {
    input: "bench.examples.transactions",
    generator: "transactions",
    pipeline: "pipelines/fraud-check.ts",
    compiled: "pipelines/bench/fraud-check.ts",
    baselineClass: "dev.tsflink.bench.fraud.FraudCheckJob",
    outputs: ["alerts"],
  },
};

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!(name in CASES) && name !== "sinks") {
    console.error(`unknown case '${name}'; the cases are ${Object.keys(CASES).join(", ")}, sinks`);
    process.exit(2);
  }
}
const benchSinks = requested.length === 0 || requested.includes("sinks");
if (requested.length > 0 && requested.every((name) => name === "sinks")) {
  await (await import("./bench-sinks.mjs")).benchSinks();
  process.exit(0);
}
const cases = requested.length > 0 ? requested.filter((name) => name !== "sinks") : Object.keys(CASES);

ensureAll();
ensureBaselineJar();
const { up } = await import("../dist/flink-deploy/local/src/stack.js");
const { FlinkRestClient } = await import("../dist/compiler/src/flink/flink-rest-client.js");
const { ensureHarnessJar, HARNESS_ENTRY_CLASS } = await import("../dist/compiler/src/flink/harness-jar.js");
const { compilePipeline } = await import("../dist/compiler/src/compile.js");
const { kafkaClient, recreateTopics } = await import("../dist/pipelines/kafka-io.js");

const stack = await up();
const flink = new FlinkRestClient(stack.services.flink.restUrl);
const bootstrap = stack.services.kafka.bootstrapServers;
const kafka = kafkaClient(bootstrap, "tsflink-bench");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin/java") : "java";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-bench-"));
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
const harnessJar = snapshotHarnessJar();

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "target") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The hand-written jobs' jar, rebuilt when a source or its pom is newer. */
function ensureBaselineJar() {
  const module = path.join(root, "runtime-java/bench-baselines");
  if (fs.existsSync(BASELINE_JAR) && fs.statSync(BASELINE_JAR).mtimeMs >= newestMtime(module)) return;
  console.log("building the hand-written baselines (mvn package)…");
  run("mvn", ["-q", "-B", "-f", path.join(root, "runtime-java/pom.xml"), "-pl", "bench-baselines", "-DskipTests", "package"]);
}

/**
 * A copy of the harness jar taken once: every compiled run of the benchmark uses the same build,
 * even while Java sources change under it (which would make each submit rebuild the jar).
 */
function snapshotHarnessJar() {
  const copy = path.join(work, "tsflink-harness.jar");
  for (let attempt = 1; ; attempt++) {
    try {
      fs.copyFileSync(ensureHarnessJar((line) => console.log(line)), copy);
      return copy;
    } catch (e) {
      // Another build in the same checkout (a test, another session) may be replacing the jar.
      if (attempt === 3) throw e;
      console.log(`the harness jar was not ready (${e.message.split("\n")[0]}); trying again in 20 s`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20_000);
    }
  }
}

async function withAdmin(fn) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Fills the case's input topic with N records, unless it already holds exactly that many. */
async function preload(spec) {
  const ready = await withAdmin(async (admin) => {
    if ((await admin.listTopics()).includes(spec.input)) {
      const offsets = await admin.fetchTopicOffsets(spec.input);
      if (offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0) === N) return true;
    }
    await recreateTopics(admin, [spec.input]);
    return false;
  });
  if (ready) {
    console.log(`${spec.input}: ${N.toLocaleString("en-US")} records already there`);
    return;
  }
  process.stdout.write(`${spec.input}: generating ${N.toLocaleString("en-US")} Avro records… `);
  const generated = spawnSync(java, ["-Xmx512m", "-cp", BASELINE_JAR, "dev.tsflink.bench.generator.BenchDataGenerator",
    "--case", spec.generator, "--topic", spec.input, "--count", String(N), "--bootstrap", bootstrap], { encoding: "utf8" });
  if (generated.status !== 0) throw new Error(`the generator failed:\n${generated.stdout}${generated.stderr}`);
  console.log(generated.stdout.trim().replace(/^.* in /, "in "));
}

/** Cold: a new Node process loads the compiler and compiles once; warm: it compiles again. */
function compileTimes(file) {
  const script = `const t0 = performance.now();
    const { compilePipeline } = await import(${JSON.stringify(path.join(root, "dist/compiler/src/compile.js"))});
    const first = compilePipeline(${JSON.stringify(path.join(root, file))});
    const t1 = performance.now();
    compilePipeline(${JSON.stringify(path.join(root, file))});
    console.log(JSON.stringify({ ok: first.graph !== undefined, report: first.report, cold: t1 - t0, warm: performance.now() - t1 }));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: root });
  if (result.status !== 0) throw new Error(`compiling ${file} crashed:\n${result.stderr}`);
  const times = JSON.parse(result.stdout);
  if (!times.ok) throw new Error(`${file} does not compile:\n${times.report}`);
  return times;
}

/** The bench variant's job graph, compiled once per case, as `Main --graph` takes it inline. */
function compiledGraphArgument(file) {
  const compiled = compilePipeline(path.join(root, file), { projectRoot: root });
  if (!compiled.json) throw new Error(`${file} does not compile:\n${compiled.report}`);
  return `base64:${gzipSync(Buffer.from(compiled.json, "utf8")).toString("base64")}`;
}

/** Runs the compiled graph on the snapshot of the harness, as `tsflink submit` would. */
async function submitCompiled(graph) {
  const jarId = await flink.ensureJar(harnessJar);
  return flink.runJar(jarId, HARNESS_ENTRY_CLASS, ["--graph", graph, "--conf", `KAFKA_BOOTSTRAP_SERVERS=${bootstrap}`]);
}

async function submitBaseline(spec) {
  const jarId = await flink.ensureJar(BASELINE_JAR);
  const prefix = spec.input;
  return flink.runJar(jarId, spec.baselineClass, ["--bootstrap", bootstrap, "--input", spec.input, "--output-prefix", prefix]);
}

/** Sums, over the subtasks of the job's vertices, the operator metrics whose names match. */
async function metricSum(jobId, pattern, vertexFilter = () => true) {
  const job = await flink.job(jobId);
  let total = 0;
  for (const vertex of job.vertices.filter(vertexFilter)) {
    const names = (await flink.vertexMetricNames(jobId, vertex.id)).filter((n) => pattern.test(n));
    const sums = await flink.vertexMetricSums(jobId, vertex.id, names);
    total += Object.values(sums).reduce((a, b) => a + Number(b), 0);
  }
  return total;
}

/** Records the Kafka source has handed on: its operator's numRecordsOut, over every subtask. */
const recordsIn = (jobId) => metricSum(jobId, /^Source__.*\.numRecordsOut$/, (v) => v.name.startsWith("Source:"));
/** Records written by the job's sinks (their writers' numRecordsSend). */
const recordsOut = (jobId) => metricSum(jobId, /Writer\.numRecordsSend$/);
/** Records the compiled job could not decode; the input has none, or the comparison is void. */
const deadLetters = (jobId) => metricSum(jobId, /\.tsflink_deadLetters$/);

/**
 * One run; repeated (up to twice) when the job restarted during it, which on this shared machine
 * means another session killed the TaskManager: such a run measures the recovery, not the code.
 * The `finally` of each run cancels its job, also when it is abandoned early.
 */
async function measure(label, spec, submit) {
  for (let attempt = 1; ; attempt++) {
    const result = await measureOnce(label, spec, submit);
    if (result.restarts === 0) return result;
    console.log(`  ${label}: the job restarted (${result.restarts}×; TaskManager lost?), the run does not count; running it again`);
    await sleep(3000);
    if (attempt === 3) throw new Error(`${label}: the job restarted in three runs in a row; is another session killing the TaskManager?`);
  }
}

async function measureOnce(label, spec, submit) {
  await withAdmin((admin) => recreateTopics(admin, spec.outputs.map((o) => `${spec.input}.${o}`)));
  const jobId = await submit();
  let first;
  let last;
  let written = 0;
  let invalid = 0;
  let restarts = 0;
  const deadline = Date.now() + 20 * 60_000;
  const restartsSoFar = async () => (await flink.jobMetrics(jobId, ["numRestarts"]).catch(() => ({})))["numRestarts"] ?? 0;
  try {
    for (let poll = 1; ; poll++) {
      const n = await recordsIn(jobId).catch(() => 0);
      const t = performance.now();
      if (n > 0 && first === undefined) first = { t, n };
      if (n >= N) {
        last = { t, n };
        break;
      }
      if (Date.now() > deadline) throw new Error(`${label}: only ${n} of ${N} records after 20 minutes`);
      if (poll % 25 === 0 && (restarts = await restartsSoFar()) > 0) return { perSecond: NaN, written: NaN, restarts };
      await sleep(200);
    }
    // Everything is read; let the operators downstream finish what is in flight.
    for (let stable = 0, previous = -1; stable < 3 && Date.now() < deadline; await sleep(1500)) {
      written = await recordsOut(jobId).catch(() => previous);
      stable = written === previous ? stable + 1 : 0;
      previous = written;
    }
    invalid = await deadLetters(jobId).catch(() => 0);
    restarts = await restartsSoFar();
  } finally {
    await flink.cancel(jobId).catch(() => undefined);
  }
  if (restarts > 0) return { perSecond: NaN, written: NaN, restarts };
  const perSecond = (last.n - first.n) / ((last.t - first.t) / 1000);
  console.log(`  ${label.padEnd(30)} ${fmt(perSecond).padStart(11)} records/s   ${fmt(written).padStart(10)} records written`);
  if (invalid > 0) throw new Error(`${label}: ${invalid} dead letters; the generator and the pipeline disagree on the Avro schema`);
  // A cancelled job's slots come back asynchronously; the next job must not start on a busy machine.
  await sleep(3000);
  return { perSecond, written, restarts };
}

const fmt = (x) => Math.round(x).toLocaleString("en-US");

async function benchCase(name) {
  const spec = CASES[name];
  console.log(`\n== ${name}`);
  await preload(spec);
  const times = compileTimes(spec.pipeline);
  console.log(`  compile ${spec.pipeline}: cold ${Math.round(times.cold)} ms, warm ${Math.round(times.warm)} ms`);
  const graph = compiledGraphArgument(spec.compiled);
  const handWritten = [];
  const compiled = [];
  // Alternating order, so a slow patch of the shared machine does not always hit the same one.
  for (let round = 1; round <= ROUNDS; round++) {
    const runHand = async () => handWritten.push(await measure(`hand-written Java #${round}`, spec, () => submitBaseline(spec)));
    const runCompiled = async () => compiled.push(await measure(`compiled TypeScript #${round}`, spec, () => submitCompiled(graph)));
    if (round % 2 === 1) {
      await runHand();
      await runCompiled();
    } else {
      await runCompiled();
      await runHand();
    }
  }
  const best = (runs) => Math.max(...runs.map((r) => r.perSecond));
  const outputs = new Set([...handWritten, ...compiled].map((r) => r.written));
  return { name, times, handWritten: best(handWritten), compiled: best(compiled), outputsAgree: outputs.size === 1, outputs: [...outputs] };
}

const results = [];
for (const name of cases) results.push(await benchCase(name));

console.log(`\n${N.toLocaleString("en-US")} Avro records per case, parallelism 2, best of ${ROUNDS} rounds, same local cluster and input`);
const header = ["case", "hand-written rec/s", "compiled rec/s", "ratio", "compile cold", "compile warm"];
const rows = results.map((r) => [
  r.name,
  fmt(r.handWritten),
  fmt(r.compiled),
  (r.compiled / r.handWritten).toFixed(2),
  `${Math.round(r.times.cold)} ms`,
  `${Math.round(r.times.warm)} ms`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`);
for (const row of rows) console.log(line(row));
for (const r of results) {
  if (!r.outputsAgree) console.log(`WARNING ${r.name}: the runs wrote different numbers of records (${r.outputs.join(", ")}): they did not do the same work`);
}
if (benchSinks) {
  console.log("");
  await (await import("./bench-sinks.mjs")).benchSinks();
}
process.exit(0);
