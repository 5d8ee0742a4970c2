import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Redis } from "ioredis";
import kafkajs from "kafkajs";
import { MongoClient, type Db } from "mongodb";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { isPortFree } from "../src/ports.js";
import { down, ensureStack, status, up, type StackInfo } from "../src/stack.js";

const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;

// Away from the defaults, so the test runs beside a developer's own stack, and below Linux's
// ephemeral range (32768+), where any outgoing connection may hold the port for a while.
const PORTS = {
  TSFLINK_FLINK_REST_PORT: 28081,
  TSFLINK_FLINK_RPC_PORT: 26123,
  TSFLINK_FLINK_BLOB_PORT: 26124,
  TSFLINK_FLINK_JM_METRICS_PORT: 26125,
  TSFLINK_FLINK_TM_METRICS_PORT: 26126,
  TSFLINK_FLINK_TM_RPC_PORT: 26122,
  TSFLINK_FLINK_TM_DATA_PORT: 26121,
  TSFLINK_KAFKA_PORT: 29092,
  TSFLINK_KAFKA_CONTROLLER_PORT: 29093,
  TSFLINK_PG_PORT: 25432,
  TSFLINK_REDIS_PORT: 26379,
  TSFLINK_MONGO_PORT: 28017,
} as const;

/** Set, the MongoDB tests run against that server (a real mongod) instead of the stack's wire server. */
const externalMongo = process.env["MONGODB_URI"] || undefined;

const home = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-stack-test-"));
// mkdtemp makes the directory 0700; PostgreSQL runs as the postgres account, which must pass through it.
fs.chmodSync(home, 0o755);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TSFLINK_HOME: home,
  ...Object.fromEntries(Object.entries(PORTS).map(([name, port]) => [name, String(port)])),
  // A developer's FLINK_REST_URL, KAFKA_BOOTSTRAP_SERVERS, … would make the stack use those instead of starting its own.
  FLINK_REST_URL: undefined,
  KAFKA_BOOTSTRAP_SERVERS: undefined,
  PG_URL: undefined,
  REDIS_URL: undefined,
  MONGODB_URI: externalMongo,
};
const options = { env };
const restUrl = `http://127.0.0.1:${PORTS.TSFLINK_FLINK_REST_PORT}`;
const bootstrapServers = `127.0.0.1:${PORTS.TSFLINK_KAFKA_PORT}`;
const redisUrl = `redis://127.0.0.1:${PORTS.TSFLINK_REDIS_PORT}`;
const mongoUri = externalMongo ?? `mongodb://127.0.0.1:${PORTS.TSFLINK_MONGO_PORT}`;
const logs = path.join(home, "logs");
const passwordFile = path.join(home, "postgres", "password");
/** Names what this run writes to MongoDB, which may be a real server that outlives the test. */
const mongoCollection = `orders_${process.pid}_${Date.now()}`;

let anyTestFailed = false;
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    anyTestFailed = true;
  });
});

afterAll(async () => {
  // Whatever happened above, no process of this test may outlive it.
  await down(options);
  if (externalMongo !== undefined) await withMongo((db) => db.dropCollection(mongoCollection).catch(() => false));
  if (anyTestFailed) console.error(`stack test failed; logs kept in ${logs}`);
  else fs.rmSync(home, { recursive: true, force: true });
});

describe("local stack", () => {
  let started: StackInfo;

  it("refuses to start when Kafka's port is taken, naming the service, port and log, and stops everything else it started", async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(PORTS.TSFLINK_KAFKA_PORT, "127.0.0.1", resolve));
    try {
      await expect(up(options)).rejects.toThrow(
        `kafka: port ${PORTS.TSFLINK_KAFKA_PORT} (TSFLINK_KAFKA_PORT) already in use by another process; ` +
          `stop it or choose other ports (log: ${path.join(logs, "kafka.log")})`,
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    const after = (await status(options)).services;
    expect([after.flink.state, after.kafka.state, after.postgres.state, after.redis.state]).toEqual(["stopped", "stopped", "stopped", "stopped"]);
    expect(after.mongodb.state).toBe(externalMongo ? "healthy" : "stopped");
    expect(fs.readdirSync(path.join(home, "run")).filter((f) => f.endsWith(".pid"))).toEqual([]);
    for (const name of ["TSFLINK_FLINK_REST_PORT", "TSFLINK_PG_PORT", "TSFLINK_REDIS_PORT", "TSFLINK_MONGO_PORT"] as const) {
      expect([name, await isPortFree(PORTS[name])]).toEqual([name, true]);
    }
  });

  it("up starts every service and resolves once all answer", async () => {
    started = await up(options);
    const { flink, kafka, postgres, redis, mongodb } = started.services;
    expect(flink).toEqual({
      restUrl,
      pid: expect.any(Number),
      log: path.join(logs, "flink-jobmanager.log"),
      processes: [
        { role: "flink-jobmanager", pid: flink.pid, log: path.join(logs, "flink-jobmanager.log") },
        { role: "flink-taskmanager", pid: expect.any(Number), log: path.join(logs, "flink-taskmanager.log") },
      ],
    });
    expect(kafka).toEqual({
      bootstrapServers,
      pid: expect.any(Number),
      log: path.join(logs, "kafka.log"),
      processes: [{ role: "kafka", pid: kafka.pid, log: path.join(logs, "kafka.log") }],
    });
    const password = fs.readFileSync(passwordFile, "utf8").trim();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(postgres).toEqual({
      url: `postgres://tsflink:${password}@127.0.0.1:${PORTS.TSFLINK_PG_PORT}/tsflink`,
      pid: expect.any(Number),
      log: path.join(logs, "postgres.log"),
      processes: [{ role: "postgres", pid: postgres.pid, log: path.join(logs, "postgres.log") }],
    });
    expect(redis).toEqual({
      url: redisUrl,
      pid: expect.any(Number),
      log: path.join(logs, "redis.log"),
      processes: [{ role: "redis", pid: redis.pid, log: path.join(logs, "redis.log") }],
    });
    expect(mongodb).toEqual(
      externalMongo
        ? { uri: externalMongo }
        : {
            uri: mongoUri,
            pid: expect.any(Number),
            log: path.join(logs, "mongodb.log"),
            processes: [{ role: "mongodb", pid: mongodb.pid, log: path.join(logs, "mongodb.log") }],
          },
    );
  });

  it("the generated PostgreSQL password is readable by its owner only, and no log or command line holds it", () => {
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = fs.readFileSync(passwordFile, "utf8").trim();
    const files = ["logs", "run", "postgres/conf", "redis", "flink/conf", "kafka/conf"].flatMap((dir) =>
      fs.readdirSync(path.join(home, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(home, dir, e.name)),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => fs.readFileSync(f, "utf8").includes(password))).toEqual([]);
    const pid = started.services.postgres.pid;
    expect(fs.readFileSync(`/proc/${String(pid)}/cmdline`, "utf8")).not.toContain(password);
  });

  it("status reports every service healthy with the pids up returned", async () => {
    const { flink, kafka, postgres, redis, mongodb } = (await status(options)).services;
    expect(flink.state).toBe("healthy");
    expect(flink.source).toBe("local");
    expect(flink.detail).toBe("Flink 2.2.1, 1 TaskManager, 4 of 4 slots free");
    expect(flink.processes.map((p) => [p.role, p.state, p.pid])).toEqual(
      started.services.flink.processes?.map((p) => [p.role, "running", p.pid]),
    );
    expect(kafka.state).toBe("healthy");
    expect(kafka.detail).toMatch(/^1 broker, cluster id [\w-]{22}$/);
    expect(kafka.pid).toBe(started.services.kafka.pid);
    expect(postgres).toMatchObject({ state: "healthy", source: "local", pid: started.services.postgres.pid, url: started.services.postgres.url });
    expect(postgres.detail).toMatch(/^PostgreSQL \d+\.\d+ \(Debian [^)]+\), max_prepared_transactions 16$/);
    expect(redis).toMatchObject({ state: "healthy", source: "local", pid: started.services.redis.pid });
    expect(redis.detail).toMatch(/^Redis \d+\.\d+\.\d+$/);
    if (externalMongo) expect(mongodb).toMatchObject({ state: "healthy", source: "environment", processes: [] });
    else expect(mongodb).toMatchObject({ state: "healthy", source: "local", pid: started.services.mongodb.pid, detail: "MongoDB 5.0.0" });
  });

  it("a second up starts nothing and returns the same processes", async () => {
    expect(await up(options)).toEqual(started);
  });

  it("ensureStack reuses the running stack, and its stop() leaves it running", async () => {
    const handle = await ensureStack(options);
    expect(handle.started).toEqual([]);
    expect(handle.stack).toEqual(started);
    await handle.stop();
    const after = (await status(options)).services;
    expect(Object.values(after).map((s) => s.state)).toEqual(["healthy", "healthy", "healthy", "healthy", "healthy"]);
  });

  it("Flink's REST API reports one TaskManager with four free slots, and serves the web UI and jar upload", async () => {
    const overview = (await (await fetch(`${restUrl}/overview`)).json()) as Record<string, unknown>;
    expect(overview).toMatchObject({ taskmanagers: 1, "slots-total": 4, "slots-available": 4, "flink-version": "2.2.1" });
    const ui = await fetch(`${restUrl}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain("<title>Apache Flink Web Dashboard</title>");
    expect(await (await fetch(`${restUrl}/jars`)).json()).toEqual({ address: restUrl, files: [] });
  });

  it("the Flink JVMs find every service through KAFKA_BOOTSTRAP_SERVERS, PG_URL, REDIS_URL and MONGODB_URI", () => {
    const { flink, postgres } = started.services;
    expect(flink.processes).toHaveLength(2);
    for (const p of flink.processes ?? []) {
      const environment = fs.readFileSync(`/proc/${p.pid}/environ`, "utf8").split("\0");
      expect(environment).toEqual(
        expect.arrayContaining([
          `KAFKA_BOOTSTRAP_SERVERS=${bootstrapServers}`,
          `PG_URL=${postgres.url}`,
          `REDIS_URL=${redisUrl}`,
          `MONGODB_URI=${mongoUri}`,
        ]),
      );
    }
  });

  it("PostgreSQL commits a transaction and a prepared (XA) transaction of the tsflink role", async () => {
    await withPostgres(async (client) => {
      expect((await client.query("SHOW max_prepared_transactions")).rows).toEqual([{ max_prepared_transactions: "16" }]);
      await client.query("CREATE TABLE stack_test_orders (id integer PRIMARY KEY, amount numeric(10, 2) NOT NULL)");
      await client.query("BEGIN");
      await client.query("INSERT INTO stack_test_orders VALUES (1, 9.5), (2, 20)");
      await client.query("COMMIT");
      await client.query("BEGIN");
      await client.query("INSERT INTO stack_test_orders VALUES (3, 0.25)");
      await client.query("PREPARE TRANSACTION 'stack-test-1'");
      expect((await client.query("SELECT gid FROM pg_prepared_xacts")).rows).toEqual([{ gid: "stack-test-1" }]);
      await client.query("COMMIT PREPARED 'stack-test-1'");
      expect((await client.query("SELECT id, amount FROM stack_test_orders ORDER BY id")).rows).toEqual(ORDERS_ROWS);
    });
  });

  it("Redis answers SET/GET and runs a fencing Lua script atomically", async () => {
    await withRedis(async (redis) => {
      expect(await redis.set("stack-test:greeting", "hello")).toBe("OK");
      expect(await redis.get("stack-test:greeting")).toBe("hello");
      // The shape of the exactly-once sink's commit: apply a batch only if its checkpoint is newer than the fence.
      const commit = `
        local fence = tonumber(redis.call('GET', KEYS[1]) or '-1')
        if tonumber(ARGV[1]) <= fence then return 0 end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
        return 1`;
      const keys = ["{stack-test}:fence", "{stack-test}:totals"];
      expect(await redis.eval(commit, 2, ...keys, "7", "order-1", "9.5")).toBe(1);
      expect(await redis.eval(commit, 2, ...keys, "7", "order-1", "99")).toBe(0);
      expect(await redis.hgetall("{stack-test}:totals")).toEqual({ "order-1": "9.5" });
    });
  });

  it("MongoDB inserts and finds a document and applies a bulkWrite of upserts", async () => {
    await withMongo(async (db) => {
      const orders = db.collection<{ _id: string; amount: number }>(mongoCollection);
      await orders.insertOne({ _id: "order-1", amount: 9.5 });
      expect(await orders.findOne({ _id: "order-1" })).toEqual({ _id: "order-1", amount: 9.5 });
      const result = await orders.bulkWrite([
        { updateOne: { filter: { _id: "order-2" }, update: { $set: { amount: 20 } }, upsert: true } },
        { updateOne: { filter: { _id: "order-1" }, update: { $inc: { amount: 1 } }, upsert: true } },
        { replaceOne: { filter: { _id: "order-3" }, replacement: { amount: 0.25 }, upsert: true } },
      ]);
      expect([result.insertedCount, result.matchedCount, result.modifiedCount, result.upsertedCount]).toEqual([0, 1, 1, 2]);
      expect(result.upsertedIds).toEqual({ 0: "order-2", 2: "order-3" });
      expect(await orders.find().sort({ _id: 1 }).toArray()).toEqual(MONGO_ORDERS);
    });
  });

  it("down and up again restart PostgreSQL, Redis and MongoDB with their data intact", async () => {
    const restarted = ["postgres", "redis", "mongodb"] as const;
    const result = await down({ ...options, services: [...restarted] });
    expect(result.services.postgres.stopped).toEqual(started.services.postgres.processes);
    expect(result.services.redis.stopped).toEqual(started.services.redis.processes);
    expect(result.services.mongodb.stopped).toEqual(externalMongo ? [] : started.services.mongodb.processes);
    expect(result.services.flink.stopped).toEqual([]);
    for (const name of ["TSFLINK_PG_PORT", "TSFLINK_REDIS_PORT", "TSFLINK_MONGO_PORT"] as const) {
      expect([name, await isPortFree(PORTS[name])]).toEqual([name, true]);
    }

    const again = await up(options);
    // Flink and Kafka kept running; the three others are new processes.
    expect(again.services.flink).toEqual(started.services.flink);
    expect(again.services.postgres.pid).not.toBe(started.services.postgres.pid);
    expect(again.services.postgres.url).toBe(started.services.postgres.url);
    expect(again.services.redis.pid).not.toBe(started.services.redis.pid);
    started = again;

    // A clean shutdown writes and syncs Redis's append-only file and the MVStore, so nothing
    // depends on the once-a-second fsync here.
    await withPostgres(async (client) => {
      expect((await client.query("SELECT id, amount FROM stack_test_orders ORDER BY id")).rows).toEqual(ORDERS_ROWS);
    });
    await withRedis(async (redis) => {
      expect(await redis.get("stack-test:greeting")).toBe("hello");
      expect(await redis.get("{stack-test}:fence")).toBe("7");
    });
    await withMongo(async (db) => {
      expect(await db.collection(mongoCollection).find().sort({ _id: 1 }).toArray()).toEqual(MONGO_ORDERS);
    });
  });

  it("status checks a service the environment names, and hides its password", async () => {
    const password = fs.readFileSync(passwordFile, "utf8").trim();
    const named = { ...options, env: { ...env, PG_URL: started.services.postgres.url, REDIS_URL: redisUrl } };
    const { postgres, redis } = (await status(named)).services;
    expect(postgres).toMatchObject({ state: "healthy", source: "environment", url: started.services.postgres.url, processes: [] });
    expect(redis).toMatchObject({ state: "healthy", source: "environment", url: redisUrl, processes: [] });
    expect(postgres.pid).toBeUndefined();

    const wrong = `postgres://tsflink:${password}@127.0.0.1:1/tsflink`;
    const unreachable = (await status({ ...options, env: { ...env, PG_URL: wrong } })).services.postgres;
    expect(unreachable).toMatchObject({
      state: "unhealthy",
      source: "environment",
      url: wrong,
      detail: "SELECT 1 on postgres://tsflink:***@127.0.0.1:1/tsflink failed: connect ECONNREFUSED 127.0.0.1:1",
    });
  });

  it("Kafka delivers a committed transaction to a read_committed consumer and hides an aborted one", async () => {
    // kafkajs logs the retriable errors of a broker's first transaction (coordinator not yet
    // available) at ERROR; real failures still reject.
    const kafka = new Kafka({ clientId: "stack-test", brokers: [bootstrapServers], logLevel: logLevel.NOTHING });
    const topic = `stack-test-${Date.now()}`;
    const producer = kafka.producer({ transactionalId: `${topic}-producer`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ key: "aborted", value: "aborted" }] });
      await aborted.abort();
      const committed = await producer.transaction();
      await committed.send({ topic, messages: ["one", "two", "three"].map((value) => ({ key: value, value })) });
      await committed.commit();
    } finally {
      await producer.disconnect();
    }

    const consumer = kafka.consumer({ groupId: `${topic}-consumer`, readUncommitted: false });
    await consumer.connect();
    const received: string[] = [];
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`received only ${JSON.stringify(received)} after 60 s`)), 60_000);
        consumer
          .run({
            eachMessage: async ({ message }) => {
              received.push(message.value?.toString() ?? "");
              if (received.length === 3) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    // Auto-created with the stack's num.partitions=2, so only the order within a key is defined.
    expect([...received].sort()).toEqual(["one", "three", "two"]);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0]?.partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });

  it("Kafka keeps records of any age: topics have no time-based retention", async () => {
    // Flink's Kafka sink stamps records with their event time, which for sample data is months old.
    const kafka = new Kafka({ clientId: "stack-test", brokers: [bootstrapServers], logLevel: logLevel.NOTHING });
    const topic = `stack-retention-${Date.now()}`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ["retention.ms"] }] });
      expect(described.resources[0]?.configEntries.map((e) => [e.configName, e.configValue])).toEqual([["retention.ms", "-1"]]);
    } finally {
      await admin.disconnect();
    }
  });

  it("down stops every process up started; status then reports them stopped and every port is free", async () => {
    const result = await down(options);
    expect(result).toEqual({
      services: {
        flink: { stopped: started.services.flink.processes },
        kafka: { stopped: started.services.kafka.processes },
        postgres: { stopped: started.services.postgres.processes },
        redis: { stopped: started.services.redis.processes },
        mongodb: { stopped: externalMongo ? [] : started.services.mongodb.processes },
      },
    });
    const { flink, kafka, postgres, redis } = (await status(options)).services;
    expect(flink).toMatchObject({ state: "stopped", detail: "flink-jobmanager is not running; flink-taskmanager is not running" });
    expect(flink.pid).toBeUndefined();
    expect(kafka).toMatchObject({ state: "stopped", detail: "kafka is not running" });
    expect(postgres).toMatchObject({ state: "stopped", detail: "postgres is not running" });
    expect(redis).toMatchObject({ state: "stopped", detail: "redis is not running" });
    for (const [name, port] of Object.entries(PORTS)) expect([name, await isPortFree(port)]).toEqual([name, true]);
    expect(fs.readdirSync(path.join(home, "run")).filter((f) => f.endsWith(".pid"))).toEqual([]);
  });

  it("down twice is harmless", async () => {
    expect(await down(options)).toEqual(NOTHING_STOPPED);
  });

  it("status reports a stale pid file without trusting it, and down removes it without signalling the pid", async () => {
    // This test's own pid: alive, but not a Kafka broker of this state directory.
    const pidFile = path.join(home, "run", "kafka.pid");
    fs.writeFileSync(pidFile, `${process.pid}\n`);
    const { kafka } = (await status(options)).services;
    expect(kafka).toMatchObject({
      state: "stopped",
      detail: `kafka is not running (stale pid file ${pidFile}: pid ${process.pid} is not this process)`,
    });
    expect(kafka.processes).toEqual([
      { role: "kafka", state: "stale", pid: process.pid, pidFile, log: path.join(logs, "kafka.log"), out: path.join(logs, "kafka.out") },
    ]);
    expect(await down(options)).toEqual(NOTHING_STOPPED);
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});

const NOTHING_STOPPED = {
  services: { flink: { stopped: [] }, kafka: { stopped: [] }, postgres: { stopped: [] }, redis: { stopped: [] }, mongodb: { stopped: [] } },
};

/** numeric comes back as a string: JavaScript numbers cannot hold every value exactly. */
const ORDERS_ROWS = [
  { id: 1, amount: "9.50" },
  { id: 2, amount: "20.00" },
  { id: 3, amount: "0.25" },
];

const MONGO_ORDERS = [
  { _id: "order-1", amount: 10.5 },
  { _id: "order-2", amount: 20 },
  { _id: "order-3", amount: 0.25 },
];

async function withPostgres(use: (client: pg.Client) => Promise<void>): Promise<void> {
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const client = new pg.Client({ connectionString: `postgres://tsflink:${password}@127.0.0.1:${PORTS.TSFLINK_PG_PORT}/tsflink` });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}

async function withRedis(use: (redis: Redis) => Promise<void>): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    await use(redis);
  } finally {
    redis.disconnect();
  }
}

async function withMongo<T>(use: (db: Db) => Promise<T>): Promise<T> {
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    return await use(client.db("tsflink_stack_test"));
  } finally {
    await client.close();
  }
}
