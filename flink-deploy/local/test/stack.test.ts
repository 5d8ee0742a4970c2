import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import kafkajs from "kafkajs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { isPortFree } from "../src/ports.js";
import { down, ensureStack, status, up, type StackInfo } from "../src/stack.js";

const { Kafka, logLevel } = kafkajs;

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
} as const;

const home = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-stack-test-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TSFLINK_HOME: home,
  ...Object.fromEntries(Object.entries(PORTS).map(([name, port]) => [name, String(port)])),
  // A developer's FLINK_REST_URL / KAFKA_BOOTSTRAP_SERVERS would make the stack use those instead of starting its own.
  FLINK_REST_URL: undefined,
  KAFKA_BOOTSTRAP_SERVERS: undefined,
};
const options = { env };
const restUrl = `http://127.0.0.1:${PORTS.TSFLINK_FLINK_REST_PORT}`;
const bootstrapServers = `127.0.0.1:${PORTS.TSFLINK_KAFKA_PORT}`;
const logs = path.join(home, "logs");

let anyTestFailed = false;
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    anyTestFailed = true;
  });
});

afterAll(async () => {
  // Whatever happened above, no process of this test may outlive it.
  await down(options);
  if (anyTestFailed) console.error(`stack test failed; logs kept in ${logs}`);
  else fs.rmSync(home, { recursive: true, force: true });
});

describe("local stack", () => {
  let started: StackInfo;

  it("refuses to start when Kafka's port is taken, naming the service, port and log, and stops the Flink it started", async () => {
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
    const after = await status(options);
    expect(after.services.flink.state).toBe("stopped");
    expect(after.services.kafka.state).toBe("stopped");
    expect(fs.existsSync(path.join(home, "run", "flink-jobmanager.pid"))).toBe(false);
    expect(await isPortFree(PORTS.TSFLINK_FLINK_REST_PORT)).toBe(true);
  });

  it("up starts Flink and Kafka and resolves once both answer", async () => {
    started = await up(options);
    const { flink, kafka } = started.services;
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
  });

  it("status reports both services healthy with the pids up returned", async () => {
    const { flink, kafka } = (await status(options)).services;
    expect(flink.state).toBe("healthy");
    expect(flink.source).toBe("local");
    expect(flink.detail).toBe("Flink 2.0.2, 1 TaskManager, 4 of 4 slots free");
    expect(flink.processes.map((p) => [p.role, p.state, p.pid])).toEqual(
      started.services.flink.processes?.map((p) => [p.role, "running", p.pid]),
    );
    expect(kafka.state).toBe("healthy");
    expect(kafka.detail).toMatch(/^1 broker, cluster id [\w-]{22}$/);
    expect(kafka.pid).toBe(started.services.kafka.pid);
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
    expect([after.flink.state, after.kafka.state]).toEqual(["healthy", "healthy"]);
  });

  it("Flink's REST API reports one TaskManager with four free slots, and serves the web UI and jar upload", async () => {
    const overview = (await (await fetch(`${restUrl}/overview`)).json()) as Record<string, unknown>;
    expect(overview).toMatchObject({ taskmanagers: 1, "slots-total": 4, "slots-available": 4, "flink-version": "2.0.2" });
    const ui = await fetch(`${restUrl}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain("<title>Apache Flink Web Dashboard</title>");
    expect(await (await fetch(`${restUrl}/jars`)).json()).toEqual({ address: restUrl, files: [] });
  });

  it("the Flink JVMs find Kafka through KAFKA_BOOTSTRAP_SERVERS", () => {
    for (const p of started.services.flink.processes ?? []) {
      const environment = fs.readFileSync(`/proc/${p.pid}/environ`, "utf8").split("\0");
      expect(environment).toContain(`KAFKA_BOOTSTRAP_SERVERS=${bootstrapServers}`);
    }
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

  it("down stops every process up started; status then reports them stopped and every port is free", async () => {
    const result = await down(options);
    expect(result).toEqual({
      services: {
        flink: { stopped: started.services.flink.processes },
        kafka: { stopped: started.services.kafka.processes },
      },
    });
    const { flink, kafka } = (await status(options)).services;
    expect(flink).toMatchObject({ state: "stopped", detail: "flink-jobmanager is not running; flink-taskmanager is not running" });
    expect(flink.pid).toBeUndefined();
    expect(kafka).toMatchObject({ state: "stopped", detail: "kafka is not running" });
    for (const [name, port] of Object.entries(PORTS)) expect([name, await isPortFree(port)]).toEqual([name, true]);
  });

  it("down twice is harmless", async () => {
    expect(await down(options)).toEqual({ services: { flink: { stopped: [] }, kafka: { stopped: [] } } });
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
    expect(await down(options)).toEqual({ services: { flink: { stopped: [] }, kafka: { stopped: [] } } });
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});
