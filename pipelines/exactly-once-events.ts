import type { Int } from "tsflink";
import type { Kafka } from "kafkajs";
import type { Event } from "./exactly-once.js";

/** How many customers the events cycle through; each one's events go to one partition. */
export const CUSTOMERS = 1000;

/** The i-th event of the failure tests: always the same, so the expected result is computable. */
export function exactlyOnceEvent(i: number): Event {
  return {
    eventId: `e-${String(i).padStart(6, "0")}`,
    seq: i as Int,
    customer: `c-${String(i % CUSTOMERS).padStart(4, "0")}`,
    amount: (i % 997) / 4,
  };
}

/** What every per-customer store holds at the end: the customer's last event of `count`. */
export function expectedLatest(count: number): Map<string, { customer: string; lastSeq: number; lastEventId: string; lastAmount: number }> {
  const latest = new Map<string, { customer: string; lastSeq: number; lastEventId: string; lastAmount: number }>();
  for (let i = 0; i < count; i++) {
    const e = exactlyOnceEvent(i);
    latest.set(e.customer, { customer: e.customer, lastSeq: e.seq, lastEventId: e.eventId, lastAmount: e.amount });
  }
  return latest;
}

/**
 * Produces events `0..count-1` as JSON, every customer's to one partition (so they pass one source
 * subtask in order), in batches with a pause between them: a stream that lasts `durationMs`, for
 * failures to land in the middle of.
 */
export async function produceEvents(kafka: Kafka, topic: string, count: number, options: { partitions: number; batch: number; durationMs: number }): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const batches = Math.ceil(count / options.batch);
    const pause = options.durationMs / batches;
    for (let start = 0; start < count; start += options.batch) {
      const began = Date.now();
      const messages = [];
      for (let i = start; i < Math.min(count, start + options.batch); i++) {
        const event = exactlyOnceEvent(i);
        messages.push({ key: event.customer, value: JSON.stringify(event), partition: (i % CUSTOMERS) % options.partitions });
      }
      await producer.send({ topic, acks: -1, messages });
      const left = pause - (Date.now() - began);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    }
  } finally {
    await producer.disconnect();
  }
}
