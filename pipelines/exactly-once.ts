import { pipeline, kafka, mongo, postgres, redis, type Int } from "tsflink";

/**
 * The failure tests' pipeline (pipelines/exactly-once.e2e.test.ts): every event goes to all four
 * exactly-once sinks. Events of one customer share a Kafka partition and flow through one subtask
 * in order, so each store's final value per customer is that customer's last event.
 */
export interface Event {
  eventId: string;
  seq: Int;
  customer: string;
  amount: number;
}

export default pipeline({ name: "exactly-once", parallelism: 2, checkpoint: { interval: "2s" }, restart: { delay: "1s" } }, (p) => {
  const events = p.source(kafka.source<Event>({ topic: "eo.events", startFrom: "earliest" }));
  events.to(kafka.sink({ topic: "eo.out" }));
  events.to(postgres.sink({ table: "eo_events", batchSize: 500 }));

  const latest = events.map((e) => ({ customer: e.customer, lastSeq: e.seq, lastEventId: e.eventId, lastAmount: e.amount }));
  latest.to(postgres.sink({ table: "eo_customer_latest", key: ["customer"], batchSize: 500 }));
  latest.to(mongo.sink({ collection: "eo_customers", id: (c) => c.customer, batchSize: 500 }));
  latest.to(
    redis.sink({
      key: (c) => `eo:customer:${c.customer}`,
      hash: (c) => ({ lastSeq: c.lastSeq, lastEventId: c.lastEventId, lastAmount: c.lastAmount }),
      batchSize: 500,
    }),
  );
});
