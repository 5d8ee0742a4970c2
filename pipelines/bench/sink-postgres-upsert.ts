import { pipeline, kafka, postgres } from "tsflink";
import type { BenchEvent } from "./sink-events.js";

/** scripts/bench-sinks.mjs: the exactly-once PostgreSQL sink upserting every record by its id. */
export default pipeline({ name: "bench-sink-postgres-upsert", parallelism: 1, checkpoint: { interval: "1s" } }, (p) => {
  p.source(kafka.source<BenchEvent>({ topic: "bench.sink-events", startFrom: "earliest" })).to(
    postgres.sink({ table: "bench_upsert", key: ["eventId"], batchSize: 500 }),
  );
});
