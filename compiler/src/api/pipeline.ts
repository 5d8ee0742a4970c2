import type { KafkaSink } from "../../../connectors/kafka/kafka-options.js";
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
  /**
   * Where a record goes when an operator's function fails on it (a `coerce` of NaN, a null where a
   * value is required, a NaN key…): `kafka.sink({ topic: "orders.failed" })`, written exactly-once
   * like any Kafka sink, as JSON of the record with `tsflink.dlq.*` headers naming the operator,
   * its location and the reason. Without it such records are counted and logged, not kept.
   * Records a source cannot decode go to that source's own `deadLetter`.
   */
  deadLetter?: KafkaSink<unknown>;
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
  const definition: PipelineDefinition = { kind: "tsflink.pipeline", config, body };
  // A definition is compiled from its source, so `tsflink/testing` needs the file that made it.
  // Not enumerable: the value stays what the public type says, for equality and printing.
  const file = callerFile();
  if (file !== undefined) Object.defineProperty(definition, PIPELINE_FILE, { value: file, enumerable: false });
  return definition;
}

/** The key of a definition's source file; global, so every loaded copy of this module agrees. */
export const PIPELINE_FILE = Symbol.for("tsflink.pipeline.file");

/**
 * The file of the first stack frame outside this module: the module that called `pipeline()`.
 * Kept free of Node APIs: pipelines type-check this file without Node's types. `tsflink/testing`
 * maps compiled output (`dist/…/*.js`) back to its source.
 */
function callerFile(): string | undefined {
  let thisFile: string | undefined;
  for (const line of (new Error().stack ?? "").split("\n").slice(1)) {
    // `at fn (location)` or `at location`, where location is `path:line:col` or `file://…:line:col`.
    const match = /(?:\(|at )((?:file:\/\/)?[^()\s]+?):\d+:\d+\)?$/.exec(line.trim());
    if (!match?.[1]) continue;
    const file = match[1].startsWith("file://") ? fromFileUrl(match[1]) : match[1];
    // The first frame is this function, so its file is this module's.
    thisFile ??= file;
    if (file !== thisFile && !file.startsWith("node:")) return file;
  }
  return undefined;
}

function fromFileUrl(url: string): string {
  const pathname = decodeURIComponent(url.slice("file://".length));
  // file:///C:/x is C:/x on Windows.
  return /^\/[A-Za-z]:/.test(pathname) ? pathname.slice(1) : pathname;
}
