/** The authoring API: what pipelines import as `from "tsflink"`. */
export { pipeline } from "./pipeline.js";
export type { PipelineConfig, PipelineDefinition, CheckpointOptions, RestartOptions } from "./pipeline.js";
export type { Stream, PipelineBuilder } from "./stream.js";
export type { Int, Long, Timestamp, Duration, DeliveryGuarantee, SinkOptions, Source, Sink } from "./core-types.js";
export { kafka } from "../../../connectors/kafka/kafka-options.js";
export type { KafkaSourceOptions, KafkaSinkOptions, KafkaFormat, KafkaEventTime } from "../../../connectors/kafka/kafka-options.js";
