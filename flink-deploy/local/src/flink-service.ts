import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { flinkConfiguration, JAVA_17_MODULE_OPTIONS, renderConfigYaml, renderLog4jProperties } from "./flink-config.js";
import { flinkProcessMemory, type FlinkProcessKind } from "./flink-memory.js";
import type { LocalService, Probe } from "./local-service.js";
import { managedProcess, type JvmCommand, type ManagedProcess } from "./managed-process.js";
import { resolveClasspath } from "./maven-classpath.js";
import { LOOPBACK } from "./ports.js";
import type { StackConfig } from "./stack-config.js";
import { describeError } from "./stack-error.js";

export type FlinkEndpoint = { readonly restUrl: string };

const JOBMANAGER = "flink-jobmanager";
const TASKMANAGER = "flink-taskmanager";

const MAIN_CLASSES: Record<FlinkProcessKind, string> = {
  jobmanager: "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
  taskmanager: "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
};

/** A Flink session cluster: one JobManager (REST API, web UI, job submission) and one TaskManager. */
export const flinkService: LocalService<"flink", FlinkEndpoint> = {
  name: "flink",

  locate(config) {
    const url = config.env["FLINK_REST_URL"];
    if (url) return { endpoint: { restUrl: url.replace(/\/+$/, "") }, envVar: "FLINK_REST_URL" };
    return { endpoint: { restUrl: `http://${LOOPBACK}:${config.ports.flink.rest.port}` } };
  },

  clientEnvironment: (endpoint) => ({ FLINK_REST_URL: endpoint.restUrl }),

  processes: flinkProcesses,

  async prepare(config, roles) {
    const { layout } = config;
    const classpath = await resolveClasspath({
      service: "flink",
      name: "flink-cluster",
      pom: path.join(config.packageRoot, "flink-deploy", "local", "maven", "flink-cluster", "pom.xml"),
      cacheDir: layout.classpathDir,
      logFile: path.join(layout.logsDir, "maven-flink-cluster.log"),
      env: config.env,
      progress: config.progress,
    });
    const f = layout.flink;
    await Promise.all(
      [f.confDir, f.checkpointsDir, f.savepointsDir, f.webUploadDir, f.tmpDir, f.pluginsDir].map((d) => fsp.mkdir(d, { recursive: true })),
    );
    await fsp.writeFile(path.join(f.confDir, "config.yaml"), renderConfigYaml(flinkConfiguration(config)));
    await fsp.writeFile(path.join(f.confDir, "log4j2.properties"), renderLog4jProperties());

    const byRole = new Map(flinkProcesses(config).map((p) => [p.role, p]));
    const commands = await Promise.all(
      roles.map(async (role) => {
        const process = byRole.get(role);
        if (process === undefined) throw new Error(`flink has no process ${role}`);
        return [role, await jvmCommand(config, process, classpath)] as const;
      }),
    );
    return new Map(commands);
  },

  probe: probeOverview,
};

function flinkProcesses(config: StackConfig): ManagedProcess[] {
  const { layout, ports } = config;
  return [
    managedProcess(layout, JOBMANAGER, [ports.flink.rest, ports.flink.rpc, ports.flink.blob, ports.flink.jobManagerMetrics]),
    managedProcess(layout, TASKMANAGER, [ports.flink.taskManagerRpc, ports.flink.taskManagerData, ports.flink.taskManagerMetrics]),
  ];
}

async function jvmCommand(config: StackConfig, process: ManagedProcess, classpath: string): Promise<JvmCommand> {
  const kind: FlinkProcessKind = process.role === JOBMANAGER ? "jobmanager" : "taskmanager";
  const { confDir, pluginsDir } = config.layout.flink;
  const memory = await flinkProcessMemory(kind, classpath, confDir);
  const metricsPort = kind === "jobmanager" ? config.ports.flink.jobManagerMetrics : config.ports.flink.taskManagerMetrics;
  return {
    jvmOptions: [
      ...memory.jvmOptions,
      ...JAVA_17_MODULE_OPTIONS,
      `-Dlog.file=${process.log}`,
      `-Dlog4j.configurationFile=file:${path.join(confDir, "log4j2.properties")}`,
    ],
    classpath,
    mainClass: MAIN_CLASSES[kind],
    args: [
      "--configDir",
      confDir,
      ...memory.dynamicProperties,
      // Both processes share config.yaml but need their own port for Flink's metric query service.
      "-D",
      `metrics.internal.query-service.port=${metricsPort.port}`,
    ],
    // As Flink's scripts export them: code that loads the configuration or plugins on its own
    // (e.g. a submitted job's main()) looks here rather than in the working directory.
    env: { FLINK_CONF_DIR: confDir, FLINK_PLUGINS_DIR: pluginsDir },
  };
}

type Overview = { readonly taskmanagers?: unknown; readonly "slots-total"?: unknown; readonly "slots-available"?: unknown; readonly "flink-version"?: unknown };

/**
 * Healthy once a TaskManager has registered its slots with the JobManager: only then can a job be
 * scheduled. A TaskManager is listed a moment before its slots are, hence the slot count. Busy
 * slots still count as healthy, so a cluster running jobs is not mistaken for a broken one.
 */
async function probeOverview(endpoint: FlinkEndpoint): Promise<Probe> {
  let overview: Overview;
  try {
    const response = await fetch(`${endpoint.restUrl}/overview`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return { healthy: false, reason: `GET /overview answered HTTP ${response.status}` };
    overview = (await response.json()) as Overview;
  } catch (e) {
    return { healthy: false, reason: `GET ${endpoint.restUrl}/overview failed: ${describeError(e)}` };
  }
  const taskManagers = Number(overview.taskmanagers);
  const slots = Number(overview["slots-total"]);
  const free = Number(overview["slots-available"]);
  if (!(taskManagers >= 1)) return { healthy: false, reason: "no TaskManager has registered yet" };
  if (!(slots >= 1)) return { healthy: false, reason: "the TaskManager has not offered its slots yet" };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return {
    healthy: true,
    detail: `Flink ${String(overview["flink-version"])}, ${plural(taskManagers, "TaskManager")}, ${free} of ${plural(slots, "slot")} free`,
  };
}
