import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kafka, Producer } from "kafkajs";
import { ensureStack, type StackHandle } from "../flink-deploy/local/src/stack.js";
import { kafkaClient, readCommitted, recreateTopics } from "./kafka-io.js";

/**
 * readCommitted is what every end-to-end test checks exactly-once Kafka output with, so it must
 * hide every aborted transaction, including the overlapping ones a restarted Flink sink leaves.
 */
describe("readCommitted on the local Kafka", () => {
  let stack: StackHandle | undefined;
  let bootstrapServers: string;
  let kafka: Kafka;

  beforeAll(async () => {
    stack = await ensureStack();
    bootstrapServers = stack.stack.services.kafka.bootstrapServers;
    kafka = kafkaClient(bootstrapServers, "kafka-io-e2e");
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function transactionalProducer(name: string): Promise<Producer> {
    const producer = kafka.producer({ transactionalId: `kafka-io-e2e-${name}-${Date.now()}`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return producer;
  }

  it("returns only committed records when aborted transactions of two producers overlap in a partition", async () => {
    const topic = "kafka-io.overlapping-aborts";
    const admin = kafka.admin();
    await admin.connect();
    try {
      await recreateTopics(admin, [topic], 1);
    } finally {
      await admin.disconnect();
    }
    const a = await transactionalProducer("a");
    const b = await transactionalProducer("b");
    const send = (t: { send: Producer["send"] }, label: string, n: number) =>
      t.send({ topic, messages: Array.from({ length: n }, (_, i) => ({ value: `${label}-${i}` })) });
    try {
      // A's transaction starts first and is aborted last, so the broker lists B's abort before
      // A's although A's first offset is lower: kafkajs started skipping A's records only after
      // B's had begun, and returned A's first ten.
      const abortedA = await a.transaction();
      const abortedB = await b.transaction();
      await send(abortedA, "aborted-a", 10);
      await send(abortedB, "aborted-b", 10);
      await send(abortedA, "aborted-a-later", 10);
      await abortedB.abort();
      await abortedA.abort();
      const committedA = await a.transaction();
      await send(committedA, "committed-a", 50);
      await committedA.commit();
      const committedB = await b.transaction();
      await send(committedB, "committed-b", 50);
      await committedB.commit();
    } finally {
      await a.disconnect();
      await b.disconnect();
    }

    const records = await readCommitted(bootstrapServers, [topic], (rs) => rs.length >= 100, 60_000, 2_000);
    const expected = [...Array.from({ length: 50 }, (_, i) => `committed-a-${i}`), ...Array.from({ length: 50 }, (_, i) => `committed-b-${i}`)];
    expect(records.map((r) => r.value.toString("utf8"))).toEqual(expected);
    expect(records.map((r) => [r.topic, r.partition])).toEqual(expected.map(() => [topic, 0]));
  });

  it("returns values as bytes and headers as text, and nothing from a topic no transaction committed to", async () => {
    const [withRecords, empty] = ["kafka-io.headers", "kafka-io.empty"];
    const admin = kafka.admin();
    await admin.connect();
    try {
      await recreateTopics(admin, [withRecords, empty], 1);
    } finally {
      await admin.disconnect();
    }
    const producer = await transactionalProducer("headers");
    try {
      const t = await producer.transaction();
      await t.send({ topic: withRecords, messages: [{ value: Buffer.from([0xff, 0x00, 0x80]), headers: { reason: "not Avro: ünïcode", node: "orders" } }] });
      await t.commit();
    } finally {
      await producer.disconnect();
    }
    const records = await readCommitted(bootstrapServers, [withRecords, empty], (rs) => rs.length >= 1, 60_000, 2_000);
    expect(records).toEqual([{ topic: withRecords, partition: 0, offset: "0", value: Buffer.from([0xff, 0x00, 0x80]), headers: { reason: "not Avro: ünïcode", node: "orders" } }]);
  });
});
