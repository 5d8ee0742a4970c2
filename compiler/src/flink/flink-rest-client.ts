import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface JobOverview {
  readonly jobId: string;
  readonly name: string;
  readonly state: string;
  readonly startTime: number;
}

/** An error that names the URL it was talking to, so "cluster unreachable" is actionable. */
export class FlinkRestError extends Error {}

/** One job vertex (a chain of operators) as `GET /jobs/:id` reports it. */
export interface VertexDetails {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly parallelism: number;
  readonly metrics: { readonly "read-records": number; readonly "write-records": number };
}

export interface JobDetails {
  readonly jid: string;
  readonly name: string;
  readonly state: string;
  readonly "start-time": number;
  readonly duration: number;
  readonly vertices: readonly VertexDetails[];
}

/** The latest completed checkpoint, from `GET /jobs/:id/checkpoints` (`latest.completed`). */
export interface CompletedCheckpoint {
  readonly id: number;
  readonly trigger_timestamp: number;
  readonly latest_ack_timestamp: number;
  readonly end_to_end_duration: number;
  readonly state_size: number;
  readonly checkpointed_size: number;
  readonly external_path: string;
}

/** The newest entry of `GET /jobs/:id/exceptions` (`exceptionHistory.entries`; Flink 2.0 has no `root-exception`). */
export interface JobException {
  readonly exceptionName: string;
  readonly stacktrace: string;
  readonly timestamp: number;
  readonly taskName?: string | null;
  /** Task failures behind a global one (a job that may not restart fails globally, its task's exception listed here). */
  readonly concurrentExceptions?: readonly JobException[];
}

/** How an asynchronous savepoint operation (trigger or stop) ended. */
export type SavepointOutcome = { readonly status: "COMPLETED"; readonly location: string } | { readonly status: "FAILED"; readonly reason: string };

/**
 * The Flink REST calls the CLI needs: jars (`/jars/upload`, `/jars/:id/run`), jobs
 * (`/jobs/overview`, `/jobs/:id`, cancel, checkpoints, exceptions, metrics, backpressure) and
 * savepoints (`/jobs/:id/savepoints`, `/jobs/:id/stop`). Flink's REST API is the one way jobs
 * reach a session cluster, local or remote, so nothing here assumes a shared file system.
 */
export class FlinkRestClient {
  /** `origin` says where `baseUrl` came from (a variable, the local stack), for "unreachable" errors. */
  constructor(readonly baseUrl: string, readonly origin?: string) {}

  async #request(method: string, route: string, body?: RequestInit["body"], headers?: Record<string, string>, jobId?: string): Promise<unknown> {
    const url = new URL(route, this.baseUrl.endsWith("/") ? this.baseUrl : this.baseUrl + "/").toString();
    let response: Response;
    try {
      response = await fetch(url, { method, body: body ?? null, headers: headers ?? {} });
    } catch (e) {
      const from = this.origin ? ` (the address comes from ${this.origin})` : "";
      throw new FlinkRestError(`cannot reach the Flink cluster at ${this.baseUrl}: ${(e as Error).cause ?? (e as Error).message}${from}`);
    }
    const text = await response.text();
    // Flink answers an unknown job with a 404 and a Java stack trace; the user needs one line.
    if (response.status === 404 && jobId !== undefined) throw new FlinkRestError(`no job ${jobId} on ${this.baseUrl}`);
    if (!response.ok) {
      let detail = text;
      try {
        const errors = (JSON.parse(text) as { errors?: string[] }).errors;
        if (errors && errors.length > 0) detail = shortenFlinkError(errors.join("\n"));
      } catch {
        // not JSON: keep the text as Flink sent it
      }
      throw new FlinkRestError(`Flink ${method} ${route} failed with HTTP ${response.status}: ${detail}`);
    }
    return text === "" ? {} : JSON.parse(text);
  }

  async overview(): Promise<{ taskmanagers: number; slotsTotal: number; slotsAvailable: number; flinkVersion: string }> {
    const o = (await this.#request("GET", "overview")) as Record<string, number | string>;
    return {
      taskmanagers: Number(o["taskmanagers"]),
      slotsTotal: Number(o["slots-total"]),
      slotsAvailable: Number(o["slots-available"]),
      flinkVersion: String(o["flink-version"]),
    };
  }

  /**
   * Uploads the jar unless the cluster already has this exact content: the uploaded name
   * carries a content hash, so an unchanged jar is found again and reused.
   */
  async ensureJar(jarPath: string): Promise<string> {
    const content = fs.readFileSync(jarPath);
    const hash = crypto.createHash("sha256").update(content).digest("hex").slice(0, 16);
    const name = `${path.basename(jarPath, ".jar")}-${hash}.jar`;
    const listed = (await this.#request("GET", "jars")) as { files?: { id: string; name: string }[] };
    const existing = listed.files?.find((f) => f.name === name);
    if (existing) return existing.id;
    const form = new FormData();
    form.append("jarfile", new Blob([content], { type: "application/java-archive" }), name);
    const uploaded = (await this.#request("POST", "jars/upload", form)) as { filename: string };
    return path.basename(uploaded.filename);
  }

  async runJar(jarId: string, entryClass: string, programArgs: readonly string[], options: RunOptions = {}): Promise<string> {
    const body = JSON.stringify({
      entryClass,
      programArgsList: programArgs,
      ...(options.parallelism ? { parallelism: options.parallelism } : {}),
      ...(options.savepointPath ? { savepointPath: options.savepointPath, allowNonRestoredState: options.allowNonRestoredState ?? false } : {}),
      ...(options.flinkConfiguration ? { flinkConfiguration: options.flinkConfiguration } : {}),
    });
    const result = (await this.#request("POST", `jars/${encodeURIComponent(jarId)}/run`, body, { "content-type": "application/json" })) as {
      jobid: string;
    };
    return result.jobid;
  }

  async listJobs(): Promise<JobOverview[]> {
    const result = (await this.#request("GET", "jobs/overview")) as { jobs: { jid: string; name: string; state: string; "start-time": number }[] };
    return result.jobs
      .map((j) => ({ jobId: j.jid, name: j.name, state: j.state, startTime: j["start-time"] }))
      .sort((a, b) => b.startTime - a.startTime);
  }

  /** A request about one job: a 404 becomes "no job <id> on <url>". */
  async #job(method: string, jobId: string, suffix = "", body?: object): Promise<unknown> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const headers = body === undefined ? undefined : { "content-type": "application/json" };
    return this.#request(method, `jobs/${encodeURIComponent(jobId)}${suffix}`, json, headers, jobId);
  }

  async job(jobId: string): Promise<JobDetails> {
    return (await this.#job("GET", jobId)) as JobDetails;
  }

  /** The job's global job parameters (`GET /jobs/:id/config`, `execution-config.user-config`). */
  async jobParameters(jobId: string): Promise<Record<string, string>> {
    const result = (await this.#job("GET", jobId, "/config")) as { "execution-config"?: { "user-config"?: Record<string, string> } };
    return result["execution-config"]?.["user-config"] ?? {};
  }

  async cancel(jobId: string): Promise<void> {
    await this.#job("PATCH", jobId, "?mode=cancel");
  }

  async latestCompletedCheckpoint(jobId: string): Promise<CompletedCheckpoint | null> {
    const result = (await this.#job("GET", jobId, "/checkpoints")) as { latest?: { completed?: CompletedCheckpoint | null } };
    return result.latest?.completed ?? null;
  }

  async latestException(jobId: string): Promise<JobException | null> {
    const result = (await this.#job("GET", jobId, "/exceptions?maxExceptions=1")) as { exceptionHistory?: { entries?: JobException[] } };
    return result.exceptionHistory?.entries?.[0] ?? null;
  }

  /** Job-level metrics by name (`numRestarts`, …), as numbers; a metric the job lacks is absent. */
  async jobMetrics(jobId: string, names: readonly string[]): Promise<Record<string, number>> {
    const result = (await this.#job("GET", jobId, `/metrics?get=${names.map(encodeURIComponent).join(",")}`)) as { id: string; value: string }[];
    return Object.fromEntries(result.map((m) => [m.id, Number(m.value)]));
  }

  /** Names of the metrics a vertex's subtasks report (operator metrics carry the operator's name). */
  async vertexMetricNames(jobId: string, vertexId: string): Promise<string[]> {
    const result = (await this.#job("GET", jobId, `/vertices/${encodeURIComponent(vertexId)}/subtasks/metrics`)) as { id: string }[];
    return result.map((m) => m.id);
  }

  /** Subtask metrics of a vertex, summed over its subtasks. */
  async vertexMetricSums(jobId: string, vertexId: string, names: readonly string[]): Promise<Record<string, number>> {
    if (names.length === 0) return {};
    const query = `get=${names.map(encodeURIComponent).join(",")}&agg=sum`;
    const result = (await this.#job("GET", jobId, `/vertices/${encodeURIComponent(vertexId)}/subtasks/metrics?${query}`)) as { id: string; sum: number }[];
    return Object.fromEntries(result.map((m) => [m.id, m.sum]));
  }

  /**
   * The vertex's backpressure level (`ok`, `low`, `high`), or null while Flink has no sample yet
   * (it answers `status: "deprecated"` without a level until the first one is taken).
   */
  async backpressure(jobId: string, vertexId: string): Promise<string | null> {
    const result = (await this.#job("GET", jobId, `/vertices/${encodeURIComponent(vertexId)}/backpressure`)) as { status: string; "backpressure-level"?: string };
    return result.status === "ok" ? (result["backpressure-level"] ?? null) : null;
  }

  /** Starts a savepoint; `targetDirectory` falls back to the cluster's `execution.checkpointing.savepoint-dir`. */
  async triggerSavepoint(jobId: string, targetDirectory?: string): Promise<string> {
    const result = (await this.#job("POST", jobId, "/savepoints", { "cancel-job": false, ...(targetDirectory ? { "target-directory": targetDirectory } : {}) })) as {
      "request-id": string;
    };
    return result["request-id"];
  }

  /** Starts stop-with-savepoint; with `drain`, sources end and event time advances to the end first. */
  async stopWithSavepoint(jobId: string, options: { drain: boolean; targetDirectory?: string }): Promise<string> {
    const result = (await this.#job("POST", jobId, "/stop", { drain: options.drain, ...(options.targetDirectory ? { targetDirectory: options.targetDirectory } : {}) })) as {
      "request-id": string;
    };
    return result["request-id"];
  }

  /** One look at a savepoint operation; undefined while it is still in progress. */
  async savepointOutcome(jobId: string, triggerId: string): Promise<SavepointOutcome | undefined> {
    const result = (await this.#job("GET", jobId, `/savepoints/${encodeURIComponent(triggerId)}`)) as {
      status: { id: string };
      operation?: { location?: string; "failure-cause"?: { "stack-trace"?: string; class?: string } };
    };
    if (result.status.id !== "COMPLETED") return undefined;
    const operation = result.operation ?? {};
    if (operation.location !== undefined) return { status: "COMPLETED", location: operation.location };
    const cause = operation["failure-cause"];
    return { status: "FAILED", reason: shortenFlinkError(cause?.["stack-trace"] ?? cause?.class ?? "no reason given") };
  }
}

export interface RunOptions {
  readonly parallelism?: number;
  /** Restore the job's state from this savepoint (Flink's `savepointPath`). */
  readonly savepointPath?: string;
  /** Start even when the savepoint holds state for operators the job no longer has. */
  readonly allowNonRestoredState?: boolean;
  /** Flink configuration for this job only (`execution.checkpointing.dir`, `pipeline.global-job-parameters`, …). */
  readonly flinkConfiguration?: Readonly<Record<string, string>>;
}

/** Flink answers a failed run with a whole stack trace; the user needs its root cause. */
export function shortenFlinkError(text: string): string {
  const causes = [...text.matchAll(/Caused by: ([^\n]+)/g)].map((m) => m[1]!);
  const root = causes.at(-1) ?? text.split("\n").find((l) => l.trim() !== "") ?? text;
  return root.length > 600 ? root.slice(0, 600) + "…" : root;
}
