import * as path from "node:path";
import { compilePipeline } from "../compile.js";
import type { ResolvedConfig } from "../config/settings.js";
import { diffGraphs, type GraphDiff } from "../diff/graph-diff.js";
import { GraphInputError, parseJobGraph } from "../diff/graph-input.js";
import type { FlinkRestClient } from "../flink/flink-rest-client.js";
import type { JobGraph } from "../ir/graph-nodes.js";
import { CliFailure, EXIT, type Output } from "./cli-output.js";
import { awaitSavepoint } from "./job-commands.js";
import { decodeGraph, JOB_GRAPH_PARAMETER, submitCompiled } from "./submit-command.js";

export interface UpgradeResult {
  readonly previousJobId: string;
  /** The new job's id; null when the upgrade was refused. */
  readonly jobId: string | null;
  readonly savepoint: string | null;
  readonly diff: GraphDiff;
}

/** The job graph a running job was submitted with, from its global job parameters (see `submitCompiled`). */
export async function runningGraph(client: FlinkRestClient, jobId: string): Promise<JobGraph> {
  const parameters = await client.jobParameters(jobId);
  const encoded = parameters[JOB_GRAPH_PARAMETER];
  if (encoded === undefined) {
    throw new CliFailure(`job ${jobId} carries no ${JOB_GRAPH_PARAMETER} parameter: it was not submitted by \`tsflink submit\` (or by an older tsflink), so there is nothing to compare with`);
  }
  try {
    return parseJobGraph(decodeGraph(encoded), `the job graph of ${jobId}`);
  } catch (e) {
    if (e instanceof GraphInputError) throw new CliFailure(e.message);
    throw e;
  }
}

/**
 * Replaces a running job by a new version of its pipeline without losing its state: diff against
 * the graph the job runs, refuse a breaking change unless state loss is allowed, stop with a
 * savepoint, submit the new version from it. Each step that can fail after the old job stopped
 * says how to finish by hand, since the job is then down.
 */
export async function upgradeJob(
  client: FlinkRestClient,
  jobId: string,
  pipeline: string,
  out: Output,
  config: ResolvedConfig,
  options: { allowStateLoss: boolean; drain: boolean },
): Promise<UpgradeResult> {
  out.progress(`reading job ${jobId}`);
  const job = await client.job(jobId);
  if (job.state !== "RUNNING") throw new CliFailure(`job ${jobId} (${job.name}) is ${job.state}, not RUNNING: submit the pipeline with --from-savepoint instead`);
  const running = await runningGraph(client, jobId);

  out.progress(`compiling ${pipeline}`);
  const compiled = compilePipeline(pipeline);
  if (!compiled.graph || !compiled.json) throw new CliFailure(`${path.basename(pipeline)} did not compile`, EXIT.failure, compiled.report);
  const diff = diffGraphs(running, compiled.graph);
  if (diff.breaking && !options.allowStateLoss) return { previousJobId: jobId, jobId: null, savepoint: null, diff };

  const savepointDir = config.settings.savepointDir.value;
  out.progress(`stopping ${jobId} with a savepoint`);
  const trigger = await client.stopWithSavepoint(jobId, { drain: options.drain, ...(savepointDir ? { targetDirectory: savepointDir } : {}) });
  const savepoint = await awaitSavepoint(client, jobId, trigger, out, `stopping ${jobId} with a savepoint`);

  const resume = `the old job is stopped; resume by hand with \`tsflink submit ${pipeline} --from-savepoint ${savepoint}\``;
  try {
    // Flink refuses a savepoint with state no operator claims unless told to drop it; a
    // breaking change that was allowed is exactly that case.
    const submitted = await submitCompiled(compiled, client, out, config, { savepointPath: savepoint, allowNonRestoredState: options.allowStateLoss });
    await awaitRunning(client, submitted.jobId, out);
    return { previousJobId: jobId, jobId: submitted.jobId, savepoint, diff };
  } catch (e) {
    throw new CliFailure(`${(e as Error).message.split("\n")[0]}; ${resume}`);
  }
}

/** Waits until the new job runs, or fails naming Flink's reason (a savepoint that does not fit, for one). */
async function awaitRunning(client: FlinkRestClient, jobId: string, out: Output): Promise<void> {
  const started = Date.now();
  for (;;) {
    const job = await client.job(jobId);
    if (job.state === "RUNNING") return;
    if (job.state === "FAILED" || job.state === "FAILING" || job.state === "CANCELED") {
      const exception = await client.latestException(jobId);
      throw new Error(`the new job ${jobId} is ${job.state}${exception ? `: ${exception.stacktrace.split("\n")[0]}` : ""}`);
    }
    out.progress(`waiting for the new job ${jobId} to run (${job.state}, ${Math.round((Date.now() - started) / 1000)} s)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
