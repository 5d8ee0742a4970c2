import { pipeline, kafka } from "tsflink";
import type { Payment } from "./ops-check.js";

/**
 * A pipeline that fails on purpose, for `operations.e2e.test.ts`: its exactly-once sink asks for
 * a transaction timeout above the broker's `transaction.max.timeout.ms` (1 h on the local stack),
 * which Kafka refuses when the sink starts, and no restart is allowed.
 */
export default pipeline({ name: "ops-fail", parallelism: 1, checkpoint: { interval: "2s" }, restart: { attempts: 0 } }, (p) => {
  const payments = p.source(kafka.source<Payment>({ topic: "ops.orders", format: "json", startFrom: "earliest" }));
  payments.to(kafka.sink({ topic: "ops.failed", format: "json", transactionTimeout: "2h" }));
});
