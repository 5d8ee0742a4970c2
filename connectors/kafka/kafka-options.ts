import type { Duration, Sink, SinkOptions, Source } from "../../compiler/src/api/core-types.js";

/** Wire format of a topic's record values. */
export type KafkaFormat = "avro" | "json";

export interface KafkaEventTime<T> {
  /** A `Timestamp`, `Long` or `Int` field of the record holding epoch milliseconds. */
  field: keyof T & string;
  /** How late a record may arrive relative to the newest one seen; default `"0s"`. */
  maxOutOfOrderness?: Duration;
  /** A partition with no records for this long stops holding the watermark back. */
  idleness?: Duration;
}

export interface KafkaSourceOptions<T> {
  topic: string;
  /** Default `"json"`. Avro values may carry the Confluent 5-byte header. */
  format?: KafkaFormat;
  /** Default `"committed"`: the group's committed offsets, else the earliest. */
  startFrom?: "earliest" | "latest" | "committed";
  /** Consumer group; default `tsflink-<pipeline>-<source>`. */
  groupId?: string;
  eventTime?: KafkaEventTime<T>;
  /** Where undecodable records go, with the reason in headers. */
  deadLetter?: Sink<unknown>;
  /** Operator name and uid seed. */
  name?: string;
}

export interface KafkaSinkOptions extends SinkOptions {
  topic: string;
  /** Default `"json"`. */
  format?: KafkaFormat;
  /** Kafka transaction timeout for exactly-once delivery; default `"15m"`. */
  transactionTimeout?: Duration;
}

export interface KafkaSource<T> extends Source<T> {
  readonly connector: "kafka";
}
export interface KafkaSink<T> extends Sink<T> {
  readonly connector: "kafka";
}

function source<T>(options: KafkaSourceOptions<T>): KafkaSource<T> {
  return { connector: "kafka", options };
}

function sink<T = unknown>(options: KafkaSinkOptions): KafkaSink<T> {
  return { connector: "kafka", options };
}

/** Apache Kafka: `kafka.source<T>({...})` and `kafka.sink({...})`. */
export const kafka = { source, sink } as const;
