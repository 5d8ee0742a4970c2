import { setTimeout as sleep } from "node:timers/promises";
import type { AnyLocalService, Probe, ProcessRef, ProcessStatus, ServiceInfo, ServiceStatus } from "./local-service.js";
import {
  inspectProcess,
  launchProcess,
  removePidFile,
  stopManagedProcess,
  type ManagedProcess,
  type ProcessState,
} from "./managed-process.js";
import { busyPorts } from "./ports.js";
import { tail, type LaunchedProcess } from "./process-control.js";
import type { StackConfig } from "./stack-config.js";
import { hidePasswords, ServiceError } from "./stack-error.js";

/** A process launched by this call, with the handle that can still reap it. */
export interface Launched {
  readonly process: ManagedProcess;
  readonly handle: LaunchedProcess;
}

export interface StartedService {
  readonly info: ServiceInfo<object>;
  /** The processes this call launched; empty when the service already ran or comes from the environment. */
  readonly launched: readonly Launched[];
}

/** A service named in the environment should already be up; it only gets a moment to answer. */
const EXTERNAL_ANSWER_TIMEOUT_MS = 15_000;
const HEALTH_POLL_INTERVAL_MS = 500;

/**
 * Makes one service healthy: uses the environment's instance if one is named, keeps processes that
 * already run, launches the missing ones and waits until the service answers. On failure it stops
 * what it launched and throws a ServiceError.
 */
export async function startService(
  service: AnyLocalService,
  config: StackConfig,
  clientEnvironment: Readonly<Record<string, string>>,
): Promise<StartedService> {
  const location = service.locate(config);
  if (location.envVar !== undefined) {
    const probe = await waitForHealth(service, location.endpoint, EXTERNAL_ANSWER_TIMEOUT_MS, () => undefined);
    if (!probe.healthy) {
      const named = hidePasswords(`${location.envVar}=${config.env[location.envVar] ?? ""}`);
      throw new ServiceError(service.name, `${named} does not answer: ${probe.reason}`, []);
    }
    return { info: location.endpoint, launched: [] };
  }

  const processes = service.processes(config);
  const states = await Promise.all(processes.map(inspectProcess));
  await Promise.all(processes.filter((_, i) => states[i]?.state === "stale").map(removePidFile));
  const missing = processes.filter((_, i) => states[i]?.state !== "running");
  const launched: Launched[] = [];
  try {
    if (missing.length > 0) {
      await assertPortsFree(service, missing);
      const commands = await service.prepare(config, missing.map((p) => p.role));
      for (const p of missing) {
        const command = commands.get(p.role);
        if (command === undefined) throw new Error(`no command was prepared for ${p.role}`);
        const handle = await launchProcess(p, command, { ...config.env, ...clientEnvironment }, config.layout.home);
        launched.push({ process: p, handle });
        config.progress(`${service.name}: started ${p.role} (pid ${handle.pid})`);
      }
    }
    const startedAt = Date.now();
    const exited = (): string | undefined => {
      const dead = launched.find((l) => l.handle.exitStatus() !== undefined);
      return dead && `${dead.process.role} process ${dead.handle.exitStatus() ?? ""} during startup`;
    };
    const probe = await waitForHealth(service, location.endpoint, config.startTimeoutMs, exited);
    if (!probe.healthy) throw await healthFailure(service, processes, launched, probe.reason, config.startTimeoutMs);
    if (launched.length > 0) config.progress(`${service.name}: healthy after ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${probe.detail})`);

    const pids = new Map<string, number>(launched.map((l) => [l.process.role, l.handle.pid]));
    processes.forEach((p, i) => {
      const state = states[i];
      if (state?.state === "running") pids.set(p.role, state.pid);
    });
    return { info: localInfo(location.endpoint, processes, pids), launched };
  } catch (e) {
    await stopLaunched(launched, config);
    if (e instanceof ServiceError) throw e;
    throw new ServiceError(service.name, e instanceof Error ? e.message : String(e), processes.map((p) => p.log));
  }
}

/** Undoes launches of this call: stops the processes and reaps them. */
export async function stopLaunched(launched: readonly Launched[], config: StackConfig): Promise<void> {
  await Promise.all(
    launched.map(async (l) => {
      await stopManagedProcess(l.process, config.stopTimeoutMs);
      // stopProcess counts a zombie as gone; reaping it here keeps it from outliving this caller.
      await Promise.race([l.handle.reaped, sleep(5_000)]);
    }),
  );
}

/** Stops every process of the service that its pid files name; resolves to those that were running. */
export async function stopService(service: AnyLocalService, config: StackConfig): Promise<ProcessRef[]> {
  const processes = service.processes(config);
  const pids = await Promise.all(processes.map((p) => stopManagedProcess(p, config.stopTimeoutMs)));
  return processes.flatMap((p, i) => {
    const pid = pids[i];
    return pid === undefined ? [] : [{ role: p.role, pid, log: p.log }];
  });
}

/** Reads pid files and asks the service whether it answers; changes nothing. */
export async function inspectService(service: AnyLocalService, config: StackConfig): Promise<ServiceStatus<object>> {
  const location = service.locate(config);
  if (location.envVar !== undefined) {
    const probe = await service.probe(location.endpoint);
    return { ...location.endpoint, ...verdict(probe), source: "environment", processes: [] };
  }

  const processes = service.processes(config);
  const states = await Promise.all(processes.map(inspectProcess));
  const statuses = processes.map((p, i) => processStatus(p, states[i] ?? { state: "stopped" }));
  const main = statuses[0];
  const mainFields = main?.pid === undefined || main.state !== "running" ? {} : { pid: main.pid, log: main.log };
  const rest = { source: "local" as const, ...mainFields, processes: statuses };

  const notRunning = statuses.filter((s) => s.state !== "running");
  if (notRunning.length === statuses.length) return { ...location.endpoint, state: "stopped", detail: describeNotRunning(notRunning), ...rest };
  if (notRunning.length > 0) return { ...location.endpoint, state: "unhealthy", detail: describeNotRunning(notRunning), ...rest };
  return { ...location.endpoint, ...verdict(await service.probe(location.endpoint)), ...rest };
}

function verdict(probe: Probe): { readonly state: "healthy" | "unhealthy"; readonly detail: string } {
  return probe.healthy ? { state: "healthy", detail: probe.detail } : { state: "unhealthy", detail: probe.reason };
}

async function assertPortsFree(service: AnyLocalService, toLaunch: readonly ManagedProcess[]): Promise<void> {
  const busy = await busyPorts(toLaunch.flatMap((p) => p.ports));
  if (busy.length === 0) return;
  const ports = busy.map((b) => `${b.port} (${b.envVar})`).join(", ");
  throw new ServiceError(
    service.name,
    `port${busy.length > 1 ? "s" : ""} ${ports} already in use by another process; stop it or choose other ports`,
    toLaunch.map((p) => p.log),
  );
}

/**
 * Polls until healthy, until `timeoutMs` passes, or until `stopReason` reports that waiting is
 * pointless (a launched process died). Resolves to the last probe.
 */
async function waitForHealth(
  service: AnyLocalService,
  endpoint: object,
  timeoutMs: number,
  stopReason: () => string | undefined,
): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = stopReason();
    if (reason !== undefined) return { healthy: false, reason };
    const probe = await service.probe(endpoint);
    if (probe.healthy || Date.now() + HEALTH_POLL_INTERVAL_MS > deadline) return probe;
    await sleep(HEALTH_POLL_INTERVAL_MS);
  }
}

async function healthFailure(
  service: AnyLocalService,
  processes: readonly ManagedProcess[],
  launched: readonly Launched[],
  reason: string,
  timeoutMs: number,
): Promise<ServiceError> {
  const dead = launched.find((l) => l.handle.exitStatus() !== undefined);
  if (dead !== undefined) {
    // A JVM that cannot start says why on stderr (bad option, missing class); a server that
    // fails while starting up says it in its log.
    const evidence = (await tail(dead.process.out, 5)) || firstError(await tail(dead.process.log, 40));
    return new ServiceError(service.name, reason, [...new Set([dead.process.log, dead.process.out])], evidence);
  }
  return new ServiceError(service.name, `not healthy after ${Math.round(timeoutMs / 1000)} s: ${reason}`, processes.map((p) => p.log));
}

/** The first ERROR line of a log excerpt and the line after it, which usually names the exception. */
function firstError(logTail: string): string {
  const lines = logTail.split("\n");
  const at = lines.findIndex((line) => / (ERROR|FATAL) /.test(line));
  return at < 0 ? "" : lines.slice(at, at + 2).join("\n");
}

function localInfo(endpoint: object, processes: readonly ManagedProcess[], pids: ReadonlyMap<string, number>): ServiceInfo<object> {
  const refs = processes.flatMap((p) => {
    const pid = pids.get(p.role);
    return pid === undefined ? [] : [{ role: p.role, pid, log: p.log }];
  });
  const main = refs[0];
  return main === undefined ? endpoint : { ...endpoint, pid: main.pid, log: main.log, processes: refs };
}

function processStatus(p: ManagedProcess, state: ProcessState): ProcessStatus {
  const files = { pidFile: p.pidFile, log: p.log, out: p.out };
  return state.state === "stopped" ? { role: p.role, state: "stopped", ...files } : { role: p.role, state: state.state, pid: state.pid, ...files };
}

function describeNotRunning(statuses: readonly ProcessStatus[]): string {
  return statuses
    .map((s) =>
      s.state === "stale"
        ? `${s.role} is not running (stale pid file ${s.pidFile}: pid ${String(s.pid)} is not this process)`
        : `${s.role} is not running`,
    )
    .join("; ");
}
