import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import avro from "avsc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePipeline, writeArtifacts } from "../compiler/src/compile.js";
import { FlinkRestClient } from "../compiler/src/flink/flink-rest-client.js";
import { ensureHarnessJar } from "../compiler/src/flink/harness-jar.js";
import { ensureStack, type StackHandle } from "../flink-deploy/local/src/stack.js";
import { kafkaClient, produceValues, readCommitted, recreateTopics, type ReadRecord } from "./kafka-io.js";
import { CORRUPT_VALUES, expectedCancelled, expectedPaid, sampleOrder } from "./sample-orders.js";
import { connectStores, mongoDatabase, resetSinks, type SinkStores, type StoreUrls } from "./sink-stores.js";

const root = path.resolve(import.meta.dirname, "..");
const ORDERS = 10_000;
const TOPICS = ["orders", "orders.paid", "orders.cancelled", "orders.dlq"];
const DATABASE_SINKS = { sinkIds: ["postgres-sink.paid_orders", "mongo-sink.paid_order_docs", "redis-sink.paid"], tables: ["paid_orders"], collections: ["paid_order_docs"], redisKeyPattern: "city:*:largest-orders" };

/**
 * The demo pipeline end to end on the real local stack: Avro orders produced with kafkajs,
 * the job submitted through the CLI and the Flink REST API, results read back with
 * read_committed and compared as whole sets, corrupt records found on the dead-letter topic.
 */
describe("pipelines/orders.ts on the local Flink cluster and Kafka", () => {
  let stack: StackHandle | undefined;
  let flink: FlinkRestClient;
  let bootstrapServers: string;
  let jobId: string | undefined;
  let urls: StoreUrls;
  let stores: SinkStores | undefined;

  beforeAll(async () => {
    stack = await ensureStack();
    flink = new FlinkRestClient(stack.stack.services.flink.restUrl);
    bootstrapServers = stack.stack.services.kafka.bootstrapServers;
    const services = stack.stack.services;
    urls = { pgUrl: services.postgres.url, mongoUri: services.mongodb.uri, redisUrl: services.redis.url };
    for (const job of await flink.listJobs()) if (job.name === "orders" && job.state === "RUNNING") await flink.cancel(job.jobId);
    const admin = kafkaClient(bootstrapServers, "orders-e2e-admin").admin();
    await admin.connect();
    try {
      await recreateTopics(admin, TOPICS);
    } finally {
      await admin.disconnect();
    }
    stores = await connectStores(urls);
    await resetSinks(stores, urls.mongoUri, DATABASE_SINKS);
  });

  afterAll(async () => {
    if (jobId) await flink.cancel(jobId).catch(() => undefined);
    await stores?.close();
    await stack?.stop();
  });

  it("filters, reshapes and routes 10,000 orders exactly once to Kafka, PostgreSQL, MongoDB and Redis, and dead-letters corrupt ones", async () => {
    const outDir = fs.mkdtempSync(path.join(root, "build-e2e-"));
    try {
      const compiled = compilePipeline(path.join(root, "pipelines/orders.ts"), { projectRoot: root });
      expect(compiled.report).toBe("");
      writeArtifacts(compiled, outDir);
      const orderType = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(outDir, "orders.schemas/Order.avsc"), "utf8")));
      const orders = Array.from({ length: ORDERS }, (_, i) => sampleOrder(i));
      const values = orders.map((o) => orderType.toBuffer({ coupon: null, ...o }));
      // Corrupt values interleaved with good ones, as a misbehaving producer would send them.
      const mixed = [...values.slice(0, 5000), ...CORRUPT_VALUES, ...values.slice(5000)];
      const kafka = kafkaClient(bootstrapServers, "orders-e2e");
      await produceValues(kafka, "orders", mixed);

      const env = { ...process.env, FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: bootstrapServers, PG_URL: urls.pgUrl };
      const migrate = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "migrate", "pipelines/orders.ts", "--json"], { cwd: root, encoding: "utf8", env });
      expect(migrate.stderr).toBe("");
      expect(JSON.parse(migrate.stdout).tables.map((t: { table: string; state: string }) => [t.table, t.state])).toEqual([
        ["paid_orders", "created"],
        ["tsflink_sink_progress", expect.stringMatching(/^(created|fits)$/)],
      ]);
      const submit = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "submit", "pipelines/orders.ts", "--json"], { cwd: root, encoding: "utf8", env });
      expect(submit.stderr).toBe("");
      expect(submit.status).toBe(0);
      const submitted = JSON.parse(submit.stdout) as { jobId: string; webUrl: string };
      jobId = submitted.jobId;
      expect(submitted.webUrl).toContain(submitted.jobId);

      const expectedPaidSet = orders.map(expectedPaid).filter((x) => x !== undefined);
      const expectedCancelledSet = orders.map(expectedCancelled).filter((x) => x !== undefined);
      const count = (records: readonly ReadRecord[], topic: string) => records.filter((r) => r.topic === topic).length;
      const complete = (records: readonly ReadRecord[]) =>
        count(records, "orders.paid") >= expectedPaidSet.length &&
        count(records, "orders.cancelled") >= expectedCancelledSet.length &&
        count(records, "orders.dlq") >= CORRUPT_VALUES.length;
      const results = await readCommitted(bootstrapServers, TOPICS.slice(1), complete, 180_000);
      expect(complete(results)).toBe(true);
      // Read everything again after two more checkpoints, with a new consumer, through to the
      // end and a little beyond: a duplicate committed by then would show up now.
      await new Promise((r) => setTimeout(r, 12_000));
      const settled = await readCommitted(bootstrapServers, TOPICS.slice(1), complete, 180_000, 3_000);

      const parse = (topic: string) => settled.filter((r) => r.topic === topic).map((r) => JSON.parse(r.value.toString("utf8")));
      const byId = (a: { orderId: string }, b: { orderId: string }) => a.orderId.localeCompare(b.orderId);
      expect(parse("orders.paid").sort(byId)).toEqual([...expectedPaidSet].sort(byId as never));
      expect(parse("orders.cancelled").sort(byId)).toEqual([...expectedCancelledSet].sort(byId as never));

      const dead = settled.filter((r) => r.topic === "orders.dlq");
      expect(dead.map((r) => r.value.toString("base64")).sort()).toEqual(CORRUPT_VALUES.map((v) => v.toString("base64")).sort());
      for (const record of dead) {
        expect(record.headers["tsflink.dlq.topic"]).toBe("orders");
        expect(record.headers["tsflink.dlq.node"]).toBe("orders");
        expect(record.headers["tsflink.dlq.reason"]).toMatch(/avro/i);
      }

      // The stores commit on the same checkpoints as the Kafka transactions read above.
      const paidRows = await stores!.pg.query(`select * from paid_orders order by "orderId"`);
      expect(paidRows.rows.map((r) => ({ ...r, createdAt: (r.createdAt as Date).getTime() }))).toEqual([...expectedPaidSet].sort(byId as never));
      const documents = await stores!.mongo.db(mongoDatabase(urls.mongoUri)).collection("paid_order_docs").find({}).sort({ _id: 1 }).toArray();
      expect(documents.map((d) => ({ ...d, createdAt: (d["createdAt"] as Date).getTime() }))).toEqual(
        [...expectedPaidSet].sort(byId as never).map((o: { orderId: string }) => ({ _id: o.orderId, ...o })),
      );
      const leaderboards = new Map<string, [string, number][]>();
      for (const o of expectedPaidSet as { orderId: string; city: string; amount: number }[]) {
        leaderboards.set(`city:${o.city}:largest-orders`, [...(leaderboards.get(`city:${o.city}:largest-orders`) ?? []), [o.orderId, o.amount]]);
      }
      for (const [key, members] of leaderboards) {
        const stored = await stores!.redis.zrange(key, 0, -1, "WITHSCORES");
        const pairs = Array.from({ length: stored.length / 2 }, (_, i) => [stored[2 * i]!, Number(stored[2 * i + 1])]);
        // Redis orders a sorted set by score, then by member bytes.
        const byScore = (a: (string | number)[], b: (string | number)[]) => Number(a[1]) - Number(b[1]) || (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);
        expect(pairs).toEqual(members.sort(byScore));
        const ttl = await stores!.redis.ttl(key);
        expect(ttl > 0 && ttl <= 86_400).toBe(true);
      }
      console.log(
        `compared: orders.paid ${parse("orders.paid").length}/${expectedPaidSet.length}, ` +
          `orders.cancelled ${parse("orders.cancelled").length}/${expectedCancelledSet.length}, orders.dlq ${dead.length}/${CORRUPT_VALUES.length}, ` +
          `paid_orders ${paidRows.rowCount} rows, paid_order_docs ${documents.length} documents, ${leaderboards.size} Redis leaderboards`,
      );

      const job = await flink.job(submitted.jobId);
      expect(job.state).toBe("RUNNING");
      expect(job.name).toBe("orders");
      const vertexNames = job.vertices.map((v) => v.name).join("\n");
      for (const node of compiled.graph!.nodes) expect(vertexNames).toContain(node.name);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 420_000);

  it("uploads the harness jar once and reuses it while it is unchanged", async () => {
    const jar = ensureHarnessJar();
    const first = await flink.ensureJar(jar);
    const second = await flink.ensureJar(jar);
    expect(second).toBe(first);
    const listed = (await (await fetch(new URL("jars", flink.baseUrl + "/"))).json()) as { files: { id: string }[] };
    expect(listed.files.filter((f) => f.id === first)).toHaveLength(1);
  });
});
