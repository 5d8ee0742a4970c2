import { pipeline, kafka, redis } from "tsflink";
import type { BenchEvent } from "./sink-events.js";

/** scripts/bench-sinks.mjs: the exactly-once Redis sink writing one hash per record. */
export default pipeline({ name: "bench-sink-redis", parallelism: 1, checkpoint: { interval: "1s" } }, (p) => {
  p.source(kafka.source<BenchEvent>({ topic: "bench.sink-events", startFrom: "earliest" })).to(
    redis.sink({
      key: (e) => `bench:event:${e.eventId}`,
      hash: (e) => ({ seq: e.seq, customer: e.customer, amount: e.amount, note: e.note }),
      batchSize: 500,
    }),
  );
});
