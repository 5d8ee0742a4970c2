import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { compilePipeline, writeArtifacts } from "../compile.js";
import { FlinkRestClient, type RunOptions } from "../flink/flink-rest-client.js";
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
export async function submitPipeline(file: string, out: Output, options: RunOptions & { outDir?: string } = {}): Promise<SubmitResult> {
  if (options.savepointPath) checkSavepointExists(options.savepointPath);
  const result = compilePipeline(file);
  if (!result.graph || !result.json) throw new CliFailure(`${path.basename(file)} did not compile`, 1, result.report);
  if (options.outDir) writeArtifacts(result, options.outDir);
  const endpoints = await resolveEndpoints();
  const client = new FlinkRestClient(endpoints.flinkRestUrl, endpoints.flinkRestOrigin);
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
  const { parallelism, savepointPath, allowNonRestoredState } = options;
  const jobId = await client.runJar(jarId, HARNESS_ENTRY_CLASS, args, { parallelism, savepointPath, allowNonRestoredState });
  const webUrl = `${endpoints.flinkRestUrl.replace(/\/$/, "")}/#/job/running/${jobId}/overview`;
  return { jobId, webUrl, jobName: result.graph.job.name };
}

/**
 * A savepoint on this machine (a path or a `file:` URL) must exist: otherwise Flink accepts the
 * run and fails it later with a long stack trace. Remote schemes (s3://, hdfs://) are the
 * cluster's to check.
 */
function checkSavepointExists(savepoint: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(savepoint)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "file") return;
  const local = scheme === "file" ? fileURLToPath(new URL(savepoint)) : path.resolve(savepoint);
  if (!fs.existsSync(local)) throw new CliFailure(`no savepoint at ${savepoint}: ${local} does not exist`);
}
