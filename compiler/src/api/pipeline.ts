import type { DeliveryGuarantee, Duration } from "./core-types.js";
import type { PipelineBuilder } from "./stream.js";

export interface CheckpointOptions {
  /** Default `"10s"`. */
  interval?: Duration;
  /** Default `"exactly-once"`. */
  mode?: DeliveryGuarantee;
  /** Default `"10m"`. */
  timeout?: Duration;
  /** Default `"0s"`. */
  minPause?: Duration;
}

export interface RestartOptions {
  /** Default: unbounded. */
  attempts?: number;
  /** Default `"2s"`. */
  delay?: Duration;
}

export interface PipelineConfig {
  /** Flink job name, kebab-case: `orders-analytics`. */
  name: string;
  /** Default 1. */
  parallelism?: number;
  checkpoint?: CheckpointOptions;
  restart?: RestartOptions;
}

/** The value a pipeline module exports; the compiler reads the source that made it. */
export interface PipelineDefinition {
  readonly kind: "tsflink.pipeline";
  readonly config: PipelineConfig;
  readonly body: (p: PipelineBuilder) => void;
}

/**
 * Declares a pipeline. The body is never executed by Flink: `tsflink compile` translates it,
 * functions included, into a job graph.
 */
export function pipeline(config: PipelineConfig, body: (p: PipelineBuilder) => void): PipelineDefinition {
  return { kind: "tsflink.pipeline", config, body };
}
