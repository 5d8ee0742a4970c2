// `npm run demo`: starts the local stack, compiles and submits pipelines/orders.ts, feeds it
// sample orders (and a few corrupt records), prints what comes out, and leaves everything
// running so the job can be watched in the Flink web UI.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureAll, root } from "./setup.mjs";

const ORDERS = Number(process.env.DEMO_ORDERS ?? 2000);
const TOPICS = ["orders", "orders.paid", "orders.cancelled", "orders.dlq"];

ensureAll();
const { up } = await import("../dist/flink-deploy/local/src/stack.js");
const { compilePipeline, writeArtifacts } = await import("../dist/compiler/src/compile.js");
const { FlinkRestClient } = await import("../dist/compiler/src/flink/flink-rest-client.js");
const { kafkaClient, produceValues, readCommitted, recreateTopics } = await import("../dist/pipelines/kafka-io.js");
const { CORRUPT_VALUES, expectedCancelled, expectedPaid, sampleOrder } = await import("../dist/pipelines/sample-orders.js");
const avro = (await import("avsc")).default;

console.log("1/5 starting the local stack (Flink + Kafka)…");
const stack = await up();
const flinkUrl = stack.services.flink.restUrl;
const bootstrap = stack.services.kafka.bootstrapServers;
console.log(`    Flink ${flinkUrl}   Kafka ${bootstrap}`);

console.log("2/5 compiling pipelines/orders.ts → build/");
const compiled = compilePipeline(path.join(root, "pipelines/orders.ts"), { projectRoot: root });
if (!compiled.graph) {
  process.stderr.write(compiled.report);
  process.exit(1);
}
const written = writeArtifacts(compiled, path.join(root, "build"));
console.log(`    ${path.relative(root, written.jobGraph)} (${compiled.graph.nodes.length} nodes)`);

const flink = new FlinkRestClient(flinkUrl);
for (const job of await flink.listJobs()) {
  if (job.name === "orders" && job.state === "RUNNING") {
    console.log(`    cancelling the previous demo job ${job.jobId}`);
    await flink.cancel(job.jobId);
  }
}
const kafka = kafkaClient(bootstrap, "tsflink-demo");
const admin = kafka.admin();
await admin.connect();
await recreateTopics(admin, TOPICS);
await admin.disconnect();

console.log("3/5 submitting the job through the Flink REST API");
const submit = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "submit", "pipelines/orders.ts", "--json"], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, FLINK_REST_URL: flinkUrl, KAFKA_BOOTSTRAP_SERVERS: bootstrap },
});
if (submit.status !== 0) {
  process.stderr.write(submit.stderr);
  process.exit(1);
}
const { jobId, webUrl } = JSON.parse(submit.stdout);
console.log(`    job ${jobId}`);

console.log(`4/5 producing ${ORDERS} Avro orders and ${CORRUPT_VALUES.length} corrupt records to 'orders'`);
const orderType = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(root, "build/orders.schemas/Order.avsc"), "utf8")));
const orders = Array.from({ length: ORDERS }, (_, i) => sampleOrder(i));
await produceValues(kafka, "orders", [...orders.map((o) => orderType.toBuffer({ coupon: null, ...o })), ...CORRUPT_VALUES]);

const paidCount = orders.filter((o) => expectedPaid(o)).length;
const cancelledCount = orders.filter((o) => expectedCancelled(o)).length;
console.log("5/5 reading the results back (read_committed: they appear as checkpoints commit, every 5 s)");
const count = (rs, t) => rs.filter((r) => r.topic === t).length;
const results = await readCommitted(
  kafka,
  TOPICS.slice(1),
  (rs) => count(rs, "orders.paid") >= paidCount && count(rs, "orders.cancelled") >= cancelledCount && count(rs, "orders.dlq") >= CORRUPT_VALUES.length,
  120_000,
);
const show = (topic, n) => {
  const rows = results.filter((r) => r.topic === topic);
  console.log(`\n  ${topic}: ${rows.length} records`);
  for (const r of rows.slice(0, n)) {
    const reason = r.headers["tsflink.dlq.reason"];
    console.log("    " + (reason ? `${JSON.stringify(r.value.toString("latin1"))}  reason: ${reason}` : r.value.toString("utf8")));
  }
};
show("orders.paid", 5);
show("orders.cancelled", 3);
show("orders.dlq", CORRUPT_VALUES.length);
console.log(`\n  expected ${paidCount} paid, ${cancelledCount} cancelled, ${CORRUPT_VALUES.length} dead letters`);
console.log(`\nFlink web UI: ${flinkUrl}   (this job: ${webUrl})`);
console.log("The stack stays up: `npx tsflink status`, `npx tsflink list`, `npx tsflink down` to stop it.");
process.exit(0);
