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

/**
 * The few Flink REST calls the CLI needs (`/jars/upload`, `/jars/:id/run`, `/jobs/overview`,
 * `PATCH /jobs/:id`). Flink's REST API is the one way jobs reach a session cluster, local or
 * remote, so nothing here assumes a shared file system.
 */
export class FlinkRestClient {
  constructor(readonly baseUrl: string) {}

  async #request(method: string, route: string, body?: RequestInit["body"], headers?: Record<string, string>): Promise<unknown> {
    const url = new URL(route, this.baseUrl.endsWith("/") ? this.baseUrl : this.baseUrl + "/").toString();
    let response: Response;
    try {
      response = await fetch(url, { method, body: body ?? null, headers: headers ?? {} });
    } catch (e) {
      throw new FlinkRestError(`cannot reach the Flink cluster at ${this.baseUrl}: ${(e as Error).cause ?? (e as Error).message}`);
    }
    const text = await response.text();
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

  async runJar(jarId: string, entryClass: string, programArgs: readonly string[], parallelism?: number): Promise<string> {
    const body = JSON.stringify({ entryClass, programArgsList: programArgs, ...(parallelism ? { parallelism } : {}) });
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

  async job(jobId: string): Promise<{ state: string; name: string; vertices: { id: string; name: string; status: string }[] }> {
    return (await this.#request("GET", `jobs/${encodeURIComponent(jobId)}`)) as {
      state: string;
      name: string;
      vertices: { id: string; name: string; status: string }[];
    };
  }

  async cancel(jobId: string): Promise<void> {
    await this.#request("PATCH", `jobs/${encodeURIComponent(jobId)}?mode=cancel`);
  }
}

/** Flink answers a failed run with a whole stack trace; the user needs its root cause. */
export function shortenFlinkError(text: string): string {
  const causes = [...text.matchAll(/Caused by: ([^\n]+)/g)].map((m) => m[1]!);
  const root = causes.at(-1) ?? text.split("\n").find((l) => l.trim() !== "") ?? text;
  return root.length > 600 ? root.slice(0, 600) + "…" : root;
}
