import { spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { kafkaBrokerClasspath } from "../flink-deploy/local/src/kafka-service.js";
import { resolveStackConfig } from "../flink-deploy/local/src/stack-config.js";

/** One record read back from a topic, decoded only as far as bytes and headers. */
export interface ReadRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export function kafkaClient(bootstrapServers: string, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: bootstrapServers.split(","), logLevel: logLevel.NOTHING });
}

/**
 * Deletes and recreates topics so a run starts from nothing. Deletion is asynchronous in
 * Kafka, so this waits until the names are really gone before creating them again.
 */
export async function recreateTopics(admin: Admin, topics: readonly string[], partitions = 2): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const doomed = topics.filter((t) => existing.has(t));
  if (doomed.length > 0) {
    await admin.deleteTopics({ topics: doomed, timeout: 30_000 });
    const deadline = Date.now() + 60_000;
    while ((await admin.listTopics()).some((t) => doomed.includes(t))) {
      if (Date.now() > deadline) throw new Error(`Kafka did not delete ${doomed.join(", ")} within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })), waitForLeaders: true });
      return;
    } catch (e) {
      // A topic still being deleted refuses creation for a moment after it disappears from the list.
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Produces values in batches, waiting for every acknowledgement. */
export async function produceValues(kafka: Kafka, topic: string, values: readonly Buffer[], batchSize = 1000): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < values.length; i += batchSize) {
      await producer.send({ topic, acks: -1, messages: values.slice(i, i + batchSize).map((value) => ({ value })) });
    }
  } finally {
    await producer.disconnect();
  }
}

interface ReaderLine {
  readonly ready?: true;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly value: string | null;
  readonly headers: readonly (readonly [string, string | null])[];
}

function toRecord(line: ReaderLine): ReadRecord {
  const headers: Record<string, string> = {};
  for (const [key, value] of line.headers) {
    if (value === null) continue;
    const text = Buffer.from(value, "base64").toString("utf8");
    headers[key] = key in headers ? `${headers[key]},${text}` : text;
  }
  return { topic: line.topic, partition: line.partition, offset: String(line.offset), value: Buffer.from(line.value ?? "", "base64"), headers };
}

/**
 * Reads topics from the beginning with `read_committed` (only what Flink's transactions
 * committed) until `done` says so or `timeoutMs` passes, then goes on reading for `lingerMs`
 * (so records behind the ones that satisfied `done`, such as duplicates, are seen too) and
 * returns everything read. The clock starts once every partition is positioned, so a slow JVM
 * start does not eat into the time a test gives records to appear (or not to).
 *
 * The reading is done by Kafka's own Java consumer (pipelines/java/ReadCommitted.java, with the
 * local stack's Kafka jars): kafkajs's read_committed lets records of aborted transactions
 * through when transactions of two producers overlap in a partition, as they do after a Flink
 * sink restarts, so it cannot be what checks exactly-once output.
 */
export async function readCommitted(
  bootstrapServers: string,
  topics: readonly string[],
  done: (records: readonly ReadRecord[]) => boolean,
  timeoutMs: number,
  lingerMs = 0,
): Promise<ReadRecord[]> {
  const config = resolveStackConfig();
  const classpath = await kafkaBrokerClasspath(config);
  const reader = path.join(config.packageRoot, "pipelines", "java", "ReadCommitted.java");
  const child = spawn("java", ["-Xmx256m", "-cp", classpath, reader, bootstrapServers, ...topics], { stdio: ["pipe", "pipe", "pipe"] });
  const records: ReadRecord[] = [];
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString("utf8")).slice(-5_000)));
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let satisfied = false;
    const stop = () => child.stdin.end();
    const lines = readline.createInterface({ input: child.stdout });
    lines.on("line", (text) => {
      const line = JSON.parse(text) as ReaderLine;
      if (line.ready) {
        timer = setTimeout(stop, timeoutMs);
        return;
      }
      records.push(toRecord(line));
    });
    // Once per chunk of output rather than per record: `done` usually counts everything read so far.
    child.stdout.on("data", () => {
      if (satisfied || !done(records)) return;
      satisfied = true;
      clearTimeout(timer);
      setTimeout(stop, lingerMs);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`pipelines/java/ReadCommitted.java exited with ${code}:\n${errors}`));
      else resolve(records);
    });
  });
}
