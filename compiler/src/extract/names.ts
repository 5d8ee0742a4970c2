import type { Node } from "ts-morph";
import { fail } from "../diagnostics/diagnostic.js";

/**
 * What a node id may be: the schema's `nodeId` pattern, which the harness checks too
 * (`JobGraphLoader.NODE_ID`); a test keeps the three equal. Ids become Flink uids and Kafka
 * transactional-id prefixes.
 */
export const NODE_ID = /^[A-Za-z0-9_.:@/-]+$/;
/** Kafka's own rule for topic names (`org.apache.kafka.common.internals.Topic.validate`). */
const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
/** A consumer group id: any id a node could have, within the length Kafka's tools print. */
const GROUP_ID = /^[A-Za-z0-9_.:@/-]{1,255}$/;

/** A name as a message shows it: a newline or a quote in it written as in a string literal. */
export function shownName(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}

/** A `name` option, checked where it is written: it becomes the operator's id and uid. */
export function checkOperatorName(name: string, at: Node): string {
  if (!NODE_ID.test(name)) {
    fail("INVALID_NAME", at, shownName(name), "operator name", "Use letters, digits and `_ . : @ / -`, no spaces or quotes: it becomes the operator's uid, e.g. \"paid-orders\".");
  }
  return name;
}

export function checkTopic(topic: string, at: Node): string {
  if (!KAFKA_TOPIC.test(topic) || topic === "." || topic === "..") {
    fail("INVALID_NAME", at, shownName(topic), "Kafka topic", "Kafka takes 1 to 249 letters, digits, `.`, `_` and `-`, other than \".\" and \"..\", e.g. \"orders.paid\".");
  }
  return topic;
}

export function checkGroupId(groupId: string, at: Node): string {
  if (!GROUP_ID.test(groupId)) {
    fail("INVALID_NAME", at, shownName(groupId), "consumer group id", "Use 1 to 255 letters, digits and `_ . : @ / -`, no spaces or quotes, e.g. \"orders-analytics\".");
  }
  return groupId;
}
