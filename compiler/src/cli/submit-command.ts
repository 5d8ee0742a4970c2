import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { compilePipeline, writeArtifacts } from "../compile.js";
import { FlinkRestClient } from "../flink/flink-rest-client.js";
import { HARNESS_ENTRY_CLASS, ensureHarnessJar } from "../flink/harness-jar.js";
import { CliFailure, type Output } from "./cli-output.js";
import { resolveEndpoints } from "./endpoints.js";

export interface SubmitResult {
  readonly jobId: string;
  readonly webUrl: string;
  readonly jobName: string;
}

/**
 * Compiles a pipeline and runs it on the cluster through the REST API. The job graph travels
 * inside the program arguments (gzip + base64), so a remote cluster needs nothing but the jar;
 * non-secret connection settings travel the same way as `--conf NAME=value`.
 */
export async function submitPipeline(file: string, out: Output, options: { parallelism?: number; outDir?: string } = {}): Promise<SubmitResult> {
  const result = compilePipeline(file);
  if (!result.graph || !result.json) throw new CliFailure(`${path.basename(file)} did not compile`, 1, result.report);
  if (options.outDir) writeArtifacts(result, options.outDir);
  const endpoints = await resolveEndpoints();
  const client = new FlinkRestClient(endpoints.flinkRestUrl);
  // Fail on an unreachable cluster before spending time on a Maven build.
  await client.overview();
  out.progress(`building or finding the harness jar`);
  const jar = ensureHarnessJar((line) => out.progress(line));
  out.progress(`uploading the harness to ${endpoints.flinkRestUrl}`);
  const jarId = await client.ensureJar(jar);
  const graphArg = "base64:" + gzipSync(Buffer.from(result.json, "utf8")).toString("base64");
  const args = ["--graph", graphArg];
  if (endpoints.kafkaBootstrapServers) args.push("--conf", `KAFKA_BOOTSTRAP_SERVERS=${endpoints.kafkaBootstrapServers}`);
  out.progress(`submitting ${result.graph.job.name}`);
  const jobId = await client.runJar(jarId, HARNESS_ENTRY_CLASS, args, options.parallelism);
  const webUrl = `${endpoints.flinkRestUrl.replace(/\/$/, "")}/#/job/running/${jobId}/overview`;
  return { jobId, webUrl, jobName: result.graph.job.name };
}
