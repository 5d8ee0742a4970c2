import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { compilePipeline, writeArtifacts, type CompileResult } from "../compile.js";
import type { ResolvedConfig } from "../config/settings.js";
import { FlinkRestError, type FlinkRestClient } from "../flink/flink-rest-client.js";
import type { JobGraph } from "../ir/graph-nodes.js";
import { HARNESS_ENTRY_CLASS, ensureHarnessJar } from "../flink/harness-jar.js";
import { CliFailure, type Output } from "./cli-output.js";
import { flinkClient } from "./endpoints.js";

export interface SubmitResult {
  readonly jobId: string;
  readonly webUrl: string;
  readonly jobName: string;
}

export interface SubmitOptions {
  readonly savepointPath?: string;
  readonly allowNonRestoredState?: boolean;
  readonly outDir?: string;
}

/**
 * The global job parameter that carries the submitted job graph (gzip + base64). Flink shows it
 * under the job's configuration and returns it from `GET /jobs/:id/config`, so `upgrade` can diff
 * against exactly what runs, from any machine, without a store of its own. The graph holds no
 * secrets by contract, so it may be shown.
 */
export const JOB_GRAPH_PARAMETER = "tsflink.jobgraph";

export function encodeGraph(json: string): string {
  return gzipSync(Buffer.from(json, "utf8")).toString("base64");
}

export function decodeGraph(encoded: string): string {
  return gunzipSync(Buffer.from(encoded, "base64")).toString("utf8");
}

/** Compiles a pipeline and submits it; refuses a pipeline that does not compile, with its diagnostics. */
export async function submitPipeline(file: string, out: Output, config: ResolvedConfig, options: SubmitOptions = {}): Promise<SubmitResult> {
  if (options.savepointPath) checkSavepointExists(options.savepointPath);
  const result = compilePipeline(file);
  if (!result.graph || !result.json) throw new CliFailure(`${path.basename(file)} did not compile`, 1, result.report, { diagnostics: result.records });
  if (options.outDir) writeArtifacts(result, options.outDir);
  return submitCompiled(result, flinkClient(config), out, config, options);
}

/**
 * Runs a compiled job graph through the REST API. The graph travels inside the program arguments
 * (gzip + base64), so a remote cluster needs nothing but the jar; non-secret connection settings
 * travel the same way as `--conf NAME=value`.
 */
export async function submitCompiled(result: CompileResult, client: FlinkRestClient, out: Output, config: ResolvedConfig, options: SubmitOptions = {}): Promise<SubmitResult> {
  const graph = result.graph!;
  // Fail on an unreachable cluster before spending time on a Maven build.
  out.progress(`reaching the Flink cluster at ${client.baseUrl}`);
  await client.overview();
  out.progress("building or finding the harness jar");
  const jar = ensureHarnessJar((line) => out.progress(line));
  out.progress(`uploading the harness to ${client.baseUrl}`);
  const jarId = await client.ensureJar(jar);
  const encoded = encodeGraph(result.json!);
  const args = ["--graph", `base64:${encoded}`, ...connectionArguments(config)];
  const s = config.settings;
  const flinkConfiguration: Record<string, string> = { "pipeline.global-job-parameters": `${JOB_GRAPH_PARAMETER}:${encoded}` };
  if (s.checkpointDir.value) flinkConfiguration["execution.checkpointing.dir"] = s.checkpointDir.value;
  if (s.savepointDir.value) flinkConfiguration["execution.checkpointing.savepoint-dir"] = s.savepointDir.value;
  out.progress(`submitting ${graph.job.name}`);
  let jobId: string;
  try {
    jobId = await client.runJar(jarId, HARNESS_ENTRY_CLASS, args, {
      ...(s.parallelism.value ? { parallelism: s.parallelism.value } : {}),
      ...(options.savepointPath ? { savepointPath: options.savepointPath, allowNonRestoredState: options.allowNonRestoredState === true } : {}),
      flinkConfiguration,
    });
  } catch (e) {
    throw startFailure(e, graph);
  }
  const webUrl = `${client.baseUrl.replace(/\/$/, "")}/#/job/running/${jobId}/overview`;
  return { jobId, webUrl, jobName: graph.job.name };
}

/**
 * A job the cluster refused to start: the harness's reason (Flink's root cause, already one
 * line) without the REST call around it, and the TypeScript location of the node it names.
 */
function startFailure(error: unknown, graph: JobGraph): Error {
  if (!(error instanceof FlinkRestError)) return error as Error;
  const reason = error.message.replace(/^Flink POST \S+ failed with HTTP \d+: /, "");
  if (reason === error.message) return error;
  const node = graph.nodes.find((n) => reason.includes(`node '${n.id}'`));
  const where = node ? ` · ${node.location.file}:${node.location.line}:${node.location.column}` : "";
  return new CliFailure(`${graph.job.name} failed to start: ${reason}${where}`);
}

/**
 * `--conf NAME=value` for each service address the job's `main()` may need. Program arguments are
 * shown in Flink's UI, so an address carrying a password is left out: the cluster's own
 * environment must provide that one (the local stack does).
 */
function connectionArguments(config: ResolvedConfig): string[] {
  const s = config.settings;
  const named: [string, string | undefined][] = [
    ["KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers.value],
    ["PG_URL", s.pgUrl.source.kind === "default" ? undefined : s.pgUrl.value],
    ["MONGODB_URI", s.mongodbUri.source.kind === "default" ? undefined : s.mongodbUri.value],
    ["REDIS_URL", s.redisUrl.source.kind === "default" ? undefined : s.redisUrl.value],
  ];
  return named.filter(([, v]) => v !== undefined && !/:\/\/[^/@\s]*:[^/@\s]*@/.test(v)).flatMap(([k, v]) => ["--conf", `${k}=${v}`]);
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

const TERMINAL_STATES = new Set(["FINISHED", "FAILED", "CANCELED"]);

/** Polls the job until Flink reports a terminal state, showing the current one as progress. */
export async function awaitJobEnd(client: FlinkRestClient, jobId: string, out: Output, pollMs = 1000): Promise<string> {
  for (;;) {
    const { state, name } = await client.job(jobId);
    if (TERMINAL_STATES.has(state)) return state;
    out.progress(`waiting for ${name} to end (${state})`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
