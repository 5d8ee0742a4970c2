/** The authoring API: what pipelines import as `from "tsflink"`. */
export { pipeline } from "./pipeline.js";
export type { PipelineConfig, PipelineDefinition, CheckpointOptions, RestartOptions } from "./pipeline.js";
export type { Stream, PipelineBuilder } from "./stream.js";
export type { Int, Long, Timestamp, Duration, DeliveryGuarantee, SinkOptions, DatabaseSinkOptions, Source, Sink } from "./core-types.js";
export { kafka } from "../../../connectors/kafka/kafka-options.js";
export type { KafkaSourceOptions, KafkaSinkOptions, KafkaFormat, KafkaEventTime } from "../../../connectors/kafka/kafka-options.js";
export { postgres } from "../../../connectors/postgres/postgres-options.js";
export type { PostgresSinkOptions, PostgresWriteMode } from "../../../connectors/postgres/postgres-options.js";
export { mongo } from "../../../connectors/mongo/mongo-options.js";
export type { MongoSinkOptions, MongoWriteMode } from "../../../connectors/mongo/mongo-options.js";
export { redis } from "../../../connectors/redis/redis-options.js";
export type { RedisSinkOptions, RedisSortedSet } from "../../../connectors/redis/redis-options.js";
