import { Kafka, logLevel, type Admin, type IHeaders } from "kafkajs";

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

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(",") : v.toString();
  return out;
}

/**
 * Reads topics from the beginning with `read_committed` (only what Flink's transactions
 * committed) until `done` says so or the timeout passes, then goes on reading for `lingerMs`
 * (so records behind the ones that satisfied `done`, such as duplicates, are seen too) and
 * returns everything read.
 */
export async function readCommitted(
  kafka: Kafka,
  topics: readonly string[],
  done: (records: readonly ReadRecord[]) => boolean,
  timeoutMs: number,
  lingerMs = 0,
): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  const consumer = kafka.consumer({ groupId: `tsflink-reader-${process.pid}-${Date.now()}`, readUncommitted: false });
  await consumer.connect();
  try {
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    let resolveDone: () => void = () => {};
    const finished = new Promise<void>((r) => (resolveDone = r));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        records.push({ topic, partition, offset: message.offset, value: message.value ?? Buffer.alloc(0), headers: headerText(message.headers) });
        if (done(records)) resolveDone();
      },
    });
    if (!done(records)) await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
    if (lingerMs > 0) await new Promise((r) => setTimeout(r, lingerMs));
    return [...records];
  } finally {
    await consumer.disconnect();
  }
}
