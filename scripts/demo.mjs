// `npm run demo`: starts the local stack, compiles pipelines/orders.ts, creates its PostgreSQL table
// (`tsflink migrate`), submits it, feeds it sample orders (and a few corrupt records), prints what
// comes out in Kafka, PostgreSQL, MongoDB and Redis, and leaves everything running so the job can
// be watched in the Flink web UI.
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
const { connectStores, mongoDatabase, resetSinks } = await import("../dist/pipelines/sink-stores.js");
const avro = (await import("avsc")).default;

console.log("1/6 starting the local stack (Flink, Kafka, PostgreSQL, Redis, MongoDB)…");
const stack = await up();
const flinkUrl = stack.services.flink.restUrl;
const bootstrap = stack.services.kafka.bootstrapServers;
const urls = { pgUrl: stack.services.postgres.url, mongoUri: stack.services.mongodb.uri, redisUrl: stack.services.redis.url };
console.log(`    Flink ${flinkUrl}   Kafka ${bootstrap}   PostgreSQL, Redis ${urls.redisUrl}, MongoDB ${urls.mongoUri}`);

console.log("2/6 compiling pipelines/orders.ts → build/");
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
// A fresh start for the stores too: the previous demo's rows, documents and leaderboards go.
const stores = await connectStores(urls);
await resetSinks(stores, urls.mongoUri, {
  sinkIds: ["postgres-sink.paid_orders", "mongo-sink.paid_order_docs", "redis-sink.paid"],
  tables: ["paid_orders"],
  collections: ["paid_order_docs"],
  redisKeyPattern: "city:*:largest-orders",
});

const cliEnv = { ...process.env, FLINK_REST_URL: flinkUrl, KAFKA_BOOTSTRAP_SERVERS: bootstrap, PG_URL: urls.pgUrl };
console.log("3/6 creating the PostgreSQL table of its postgres sink: tsflink migrate pipelines/orders.ts");
const migrate = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "migrate", "pipelines/orders.ts"], { cwd: root, encoding: "utf8", env: cliEnv });
if (migrate.status !== 0) {
  process.stderr.write(migrate.stdout + migrate.stderr);
  process.exit(1);
}
console.log(migrate.stdout.trim().replace(/^/gm, "    "));

console.log("4/6 submitting the job through the Flink REST API");
const submit = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "submit", "pipelines/orders.ts", "--json"], {
  cwd: root,
  encoding: "utf8",
  env: cliEnv,
});
if (submit.status !== 0) {
  process.stderr.write(submit.stderr);
  process.exit(1);
}
const { jobId, webUrl } = JSON.parse(submit.stdout);
console.log(`    job ${jobId}`);

console.log(`5/6 producing ${ORDERS} Avro orders and ${CORRUPT_VALUES.length} corrupt records to 'orders'`);
const orderType = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(root, "build/orders.schemas/Order.avsc"), "utf8")));
const orders = Array.from({ length: ORDERS }, (_, i) => sampleOrder(i));
await produceValues(kafka, "orders", [...orders.map((o) => orderType.toBuffer({ coupon: null, ...o })), ...CORRUPT_VALUES]);

const paidCount = orders.filter((o) => expectedPaid(o)).length;
const cancelledCount = orders.filter((o) => expectedCancelled(o)).length;
console.log("6/6 reading the results back (read_committed: they appear as checkpoints commit, every 5 s)");
const count = (rs, t) => rs.filter((r) => r.topic === t).length;
const results = await readCommitted(
  bootstrap,
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

// The databases commit on the same checkpoints as the Kafka transactions just read.
const db = stores.mongo.db(mongoDatabase(urls.mongoUri));
const deadline = Date.now() + 60_000;
let counts;
for (;;) {
  const rows = (await stores.pg.query("select count(*)::int as n from paid_orders")).rows[0].n;
  const documents = await db.collection("paid_order_docs").countDocuments();
  counts = { rows, documents };
  if ((rows >= paidCount && documents >= paidCount) || Date.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 1000));
}
console.log(`\n  PostgreSQL table paid_orders: ${counts.rows} rows (tsflink upserts by orderId)`);
const rows = await stores.pg.query(`select "orderId", "customerId", amount, city, coupon, "createdAt" from paid_orders order by amount desc limit 5`);
for (const row of rows.rows) console.log(`    ${JSON.stringify({ ...row, createdAt: row.createdAt.toISOString() })}`);
console.log(`\n  MongoDB collection paid_order_docs: ${counts.documents} documents (_id = orderId)`);
for (const doc of await db.collection("paid_order_docs").find({}).sort({ _id: 1 }).limit(3).toArray()) console.log(`    ${JSON.stringify(doc)}`);
const boards = (await stores.redis.keys("city:*:largest-orders")).sort();
console.log(`\n  Redis: ${boards.length} sorted sets city:<CITY>:largest-orders, largest paid orders first (TTL 1 day)`);
for (const key of boards) {
  const top = await stores.redis.zrevrange(key, 0, 2, "WITHSCORES");
  // Redis 7.0 prints scores with 17 digits (996.89999999999998); Number() gives back the double.
  const pairs = Array.from({ length: top.length / 2 }, (_, i) => `${top[2 * i]} ${Number(top[2 * i + 1])}`);
  console.log(`    ${key} (${await stores.redis.zcard(key)} orders, ttl ${await stores.redis.ttl(key)} s): ${pairs.join(", ")}`);
}
await stores.close();
console.log(`\nFlink web UI: ${flinkUrl}   (this job: ${webUrl})`);
console.log("The stack stays up: `npx tsflink status`, `npx tsflink list`, `npx tsflink down` to stop it.");
process.exit(0);
