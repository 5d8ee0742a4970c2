import { pipeline, kafka, mongo } from "tsflink";
import type { BenchEvent } from "./sink-events.js";

/** scripts/bench-sinks.mjs: the exactly-once MongoDB sink replacing one document per record. */
export default pipeline({ name: "bench-sink-mongo", parallelism: 1, checkpoint: { interval: "1s" } }, (p) => {
  p.source(kafka.source<BenchEvent>({ topic: "bench.sink-events-mongo", startFrom: "earliest" })).to(
    mongo.sink({ collection: "bench_events", id: (e) => e.eventId, batchSize: 500 }),
  );
});
