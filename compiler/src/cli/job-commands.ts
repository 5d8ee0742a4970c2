import { shortenFlinkError, type FlinkRestClient, type JobException, type SavepointOutcome } from "../flink/flink-rest-client.js";
import { CliFailure, type Output } from "./cli-output.js";

/** Refuses anything but Flink's 32-hex-digit job id, before a request is made (exit code 2). */
export function checkJobId(jobId: string): void {
  if (!/^[0-9a-f]{32}$/.test(jobId)) throw new CliFailure(`'${jobId}' is not a Flink job id (32 hexadecimal digits)`, 2);
}

/** `orders.ts:31` from an operator name the compiler wrote as `filter · orders.ts:31`. */
const TS_LOCATION = /· ([^\s·:]+\.ts:\d+)/g;

export interface OperatorStatus {
  readonly name: string;
  readonly location: string | null;
  readonly recordsIn: number | null;
  readonly recordsOut: number | null;
}

export interface VertexStatus {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly parallelism: number;
  /** Records crossing the vertex's network boundary (Flink's vertex metrics). */
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly backpressure: string | null;
  /** The operators chained into this vertex, each with its own record counts. */
  readonly operators: readonly OperatorStatus[];
}

export interface JobStatus {
  readonly jobId: string;
  readonly name: string;
  readonly state: string;
  readonly startTime: number;
  readonly uptimeMillis: number;
  readonly restarts: number | null;
  readonly lastCheckpoint: null | {
    readonly id: number;
    readonly durationMillis: number;
    readonly sizeBytes: number;
    readonly completedAt: number;
    readonly path: string;
  };
  readonly vertices: readonly VertexStatus[];
  readonly rootCause: null | RootCause;
}

export interface RootCause {
  /** The innermost cause, one line. */
  readonly message: string;
  /** The failed task as Flink names it: the chain of operators of one vertex. */
  readonly task: string | null;
  /** The operator of that chain the failure came from, when the stack trace shows which. */
  readonly operator: string | null;
  /** TypeScript locations of that operator, or of every operator in the chain when it is not known. */
  readonly locations: readonly string[];
  readonly at: number;
}

/**
 * Flink records a job that may not restart as a global failure ("Recovery is suppressed …")
 * whose task failure is listed beside it, so the task is looked for there too. A task is a
 * chain of operators; Flink's own operator classes in the stack trace say whether a sink's
 * writer or committer or the source failed, which narrows the chain to one TypeScript line.
 */
function rootCauseOf(exception: JobException): RootCause {
  const failing = exception.taskName ? exception : (exception.concurrentExceptions?.find((e) => e.taskName) ?? exception);
  const task = failing.taskName ?? null;
  const chain = (task ?? "").replace(/ \(\d+\/\d+\)( - execution #\d+)?$/, "").split(" -> ").map((n) => n.replace(/^Source: /, "")).filter((n) => n !== "");
  const trace = failing.stacktrace;
  const candidates = trace.includes("SinkWriterOperator")
    ? chain.filter((n) => n.endsWith(": Writer"))
    : trace.includes("CommitterOperator")
      ? chain.filter((n) => n.endsWith(": Committer"))
      : trace.includes("SourceOperator") || trace.includes("SourceReaderBase")
        ? chain.slice(0, 1)
        : [];
  const operator = candidates.length === 1 ? candidates[0]! : null;
  const locationsOf = (names: readonly string[]) => [...new Set(names.flatMap((n) => [...n.matchAll(TS_LOCATION)].map((m) => m[1]!)))];
  return {
    message: shortenFlinkError(exception.stacktrace),
    task,
    operator,
    locations: operator ? locationsOf([operator]) : locationsOf(chain),
    at: exception.timestamp,
  };
}

export async function jobStatus(client: FlinkRestClient, jobId: string): Promise<JobStatus> {
  const job = await client.job(jobId);
  const [checkpoint, exception, metrics, vertices] = await Promise.all([
    client.latestCompletedCheckpoint(jobId),
    client.latestException(jobId),
    client.jobMetrics(jobId, ["numRestarts"]),
    Promise.all(job.vertices.map((v) => vertexStatus(client, jobId, v, job.state === "RUNNING"))),
  ]);
  return {
    jobId,
    name: job.name,
    state: job.state,
    startTime: job["start-time"],
    uptimeMillis: job.duration,
    restarts: metrics["numRestarts"] ?? null,
    lastCheckpoint: checkpoint && {
      id: checkpoint.id,
      durationMillis: checkpoint.end_to_end_duration,
      sizeBytes: checkpoint.state_size,
      completedAt: checkpoint.latest_ack_timestamp,
      path: checkpoint.external_path,
    },
    vertices,
    rootCause: exception && rootCauseOf(exception),
  };
}

async function vertexStatus(
  client: FlinkRestClient,
  jobId: string,
  vertex: { id: string; name: string; status: string; parallelism: number; metrics: { "read-records": number; "write-records": number } },
  running: boolean,
): Promise<VertexStatus> {
  // Flink names a chain "A -> B -> C"; a source's own name gets a "Source: " prefix.
  const names = vertex.name.split(" -> ").map((n) => n.replace(/^Source: /, ""));
  // Operator and backpressure metrics exist only while the vertex's tasks run.
  const metricNames = running ? await client.vertexMetricNames(jobId, vertex.id) : [];
  const wanted = names.flatMap((n) => ["numRecordsIn", "numRecordsOut"].map((m) => operatorMetric(metricNames, n, m))).filter((m) => m !== undefined);
  const [sums, backpressure] = await Promise.all([
    client.vertexMetricSums(jobId, vertex.id, wanted),
    running ? client.backpressure(jobId, vertex.id) : Promise.resolve(null),
  ]);
  const count = (name: string, metric: string): number | null => {
    const id = operatorMetric(metricNames, name, metric);
    return id === undefined ? null : (sums[id] ?? null);
  };
  return {
    id: vertex.id,
    name: vertex.name,
    status: vertex.status,
    parallelism: vertex.parallelism,
    recordsIn: vertex.metrics["read-records"],
    recordsOut: vertex.metrics["write-records"],
    backpressure,
    operators: names.map((name) => ({
      name,
      location: [...name.matchAll(TS_LOCATION)].map((m) => m[1]!)[0] ?? null,
      recordsIn: count(name, "numRecordsIn"),
      recordsOut: count(name, "numRecordsOut"),
    })),
  };
}

/**
 * The id of an operator's metric. Flink registers operator metrics under the operator's name with
 * characters it does not allow in metric names replaced (`Source: orders · a.ts:3` becomes
 * `Source__orders_·_a_ts_3`), so names are compared with every non-alphanumeric character blurred.
 */
function operatorMetric(metricIds: readonly string[], operatorName: string, metric: string): string | undefined {
  const blur = (s: string) => s.replace(/[^A-Za-z0-9]/g, "_");
  const wanted = blur(operatorName);
  return metricIds.find((id) => id.endsWith(`.${metric}`) && blur(id.slice(0, -metric.length - 1)).replace(/^Source__/, "") === wanted);
}

export function describeJobStatus(s: JobStatus): string {
  const lines = [`${s.name}  ${s.jobId}  ${s.state}  up ${duration(s.uptimeMillis)}  restarts ${s.restarts ?? "?"}`];
  const c = s.lastCheckpoint;
  lines.push(c ? `last checkpoint ${c.id}: ${c.durationMillis} ms, ${c.sizeBytes} bytes, at ${new Date(c.completedAt).toISOString()}` : "no completed checkpoint");
  for (const v of s.vertices) {
    lines.push(`vertex ${v.status}  ×${v.parallelism}  in ${v.recordsIn}  out ${v.recordsOut}  backpressure ${v.backpressure ?? "n/a"}`);
    for (const o of v.operators) lines.push(`  ${o.name}  in ${o.recordsIn ?? "n/a"}  out ${o.recordsOut ?? "n/a"}`);
  }
  if (s.rootCause) {
    const where = s.rootCause.locations.length === 1 ? ` · ${s.rootCause.locations[0]}` : s.rootCause.locations.length > 1 ? ` · in the chain of ${s.rootCause.locations.join(", ")}` : "";
    lines.push(`root cause: ${s.rootCause.message}${where}`);
  }
  return lines.join("\n");
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : m > 0 ? `${m}m${String(sec).padStart(2, "0")}s` : `${sec}s`;
}

/**
 * Polls a savepoint operation (trigger or stop-with-savepoint) until Flink reports its outcome.
 * A savepoint's duration depends on state size, so there is no deadline here; Flink's own
 * checkpoint timeout ends a stuck one with a failure.
 */
export async function awaitSavepoint(client: FlinkRestClient, jobId: string, triggerId: string, out: Output, what: string): Promise<string> {
  const started = Date.now();
  for (;;) {
    const outcome: SavepointOutcome | undefined = await client.savepointOutcome(jobId, triggerId);
    if (outcome?.status === "COMPLETED") return outcome.location;
    if (outcome?.status === "FAILED") throw new CliFailure(`${what} of ${jobId} failed: ${outcome.reason}`);
    out.progress(`${what} in progress (${Math.round((Date.now() - started) / 1000)} s)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
