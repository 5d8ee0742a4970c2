import { pipeline, kafka } from "tsflink";
import type { Order } from "../orders.js";

/**
 * The benchmark's baseline: decode every order and write it back out, with no user function.
 * What the demo pipeline costs beyond this is what its compiled functions cost.
 */
export default pipeline({ name: "bench-passthrough", parallelism: 2, checkpoint: { interval: "5s" } }, (p) => {
  p.source(kafka.source<Order>({ topic: "bench.orders", format: "avro", startFrom: "earliest" })).to(
    kafka.sink({ topic: "bench.passthrough", format: "avro" }),
  );
});
