import * as path from "node:path";
import { packageRoot } from "./package-root.js";
import { stateLayout, type StateLayout } from "./state-layout.js";

/** What callers of `up`, `down`, `status` and `ensureStack` may set; everything else comes from the environment. */
export interface StackOptions {
  /** Where settings are read from (`TSFLINK_*`, `FLINK_REST_URL`, `KAFKA_BOOTSTRAP_SERVERS`, `PG_URL`, …); `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Progress lines such as "flink: jobmanager started (pid 4242)"; written to stderr when it is a terminal, dropped otherwise. */
  readonly onProgress?: (message: string) => void;
  /** How long each service may take from launch to healthy. */
  readonly startTimeoutMs?: number;
  /** How long a process gets between SIGTERM and SIGKILL. */
  readonly stopTimeoutMs?: number;
}

/** A listening port together with the variable that moves it, so a clash can name the fix. */
export interface PortSetting {
  readonly port: number;
  readonly envVar: string;
}

/**
 * Every port is pinned instead of left to Flink's defaults of "any free port", so a second stack
 * (a test run beside a developer's stack) is kept apart by configuration alone, and `down` can
 * prove the ports are free again.
 */
const PORT_DEFAULTS = {
  flink: {
    rest: { envVar: "TSFLINK_FLINK_REST_PORT", port: 8081 },
    rpc: { envVar: "TSFLINK_FLINK_RPC_PORT", port: 6123 },
    blob: { envVar: "TSFLINK_FLINK_BLOB_PORT", port: 6124 },
    jobManagerMetrics: { envVar: "TSFLINK_FLINK_JM_METRICS_PORT", port: 6125 },
    taskManagerMetrics: { envVar: "TSFLINK_FLINK_TM_METRICS_PORT", port: 6126 },
    taskManagerRpc: { envVar: "TSFLINK_FLINK_TM_RPC_PORT", port: 6122 },
    taskManagerData: { envVar: "TSFLINK_FLINK_TM_DATA_PORT", port: 6121 },
  },
  kafka: {
    broker: { envVar: "TSFLINK_KAFKA_PORT", port: 9092 },
    controller: { envVar: "TSFLINK_KAFKA_CONTROLLER_PORT", port: 9093 },
  },
  // Not 5432 and 6379: installing Debian's package starts the system's own server there wherever
  // systemd runs, and the stack's must not clash with it. 27017 is left to a real mongod.
  postgres: {
    server: { envVar: "TSFLINK_PG_PORT", port: 15432 },
  },
  redis: {
    server: { envVar: "TSFLINK_REDIS_PORT", port: 16379 },
  },
  mongodb: {
    server: { envVar: "TSFLINK_MONGO_PORT", port: 27117 },
  },
} as const satisfies Record<string, Record<string, PortSetting>>;

type PortsOf<T> = { readonly [K in keyof T]: PortSetting };

export type FlinkPorts = PortsOf<(typeof PORT_DEFAULTS)["flink"]>;
export type KafkaPorts = PortsOf<(typeof PORT_DEFAULTS)["kafka"]>;
export type ServerPort = PortsOf<(typeof PORT_DEFAULTS)["postgres"]>;

export interface StackConfig {
  readonly env: NodeJS.ProcessEnv;
  /** The tsflink checkout, which holds the poms the classpaths are resolved from. */
  readonly packageRoot: string;
  readonly layout: StateLayout;
  readonly ports: {
    readonly flink: FlinkPorts;
    readonly kafka: KafkaPorts;
    readonly postgres: ServerPort;
    readonly redis: ServerPort;
    readonly mongodb: ServerPort;
  };
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly progress: (message: string) => void;
}

/** Generous enough for three JVMs and two servers competing for two cores; a healthy start takes well under 20 s. */
const DEFAULT_START_TIMEOUT_MS = 180_000;
/** Kafka's controlled shutdown and Flink's cluster shutdown both finish within a few seconds. */
const DEFAULT_STOP_TIMEOUT_MS = 30_000;

/** Reads the settings once; throws one error listing every invalid or clashing port. */
export function resolveStackConfig(options: StackOptions = {}): StackConfig {
  const env = options.env ?? process.env;
  const root = packageRoot();
  const home = env["TSFLINK_HOME"] ? path.resolve(env["TSFLINK_HOME"]) : path.join(root, ".tsflink");
  const problems: string[] = [];
  const ports = {
    flink: resolvePorts(PORT_DEFAULTS.flink, env, problems),
    kafka: resolvePorts(PORT_DEFAULTS.kafka, env, problems),
    postgres: resolvePorts(PORT_DEFAULTS.postgres, env, problems),
    redis: resolvePorts(PORT_DEFAULTS.redis, env, problems),
    mongodb: resolvePorts(PORT_DEFAULTS.mongodb, env, problems),
  };
  problems.push(...portClashes(Object.values(ports).flatMap((service) => Object.values(service))));
  if (problems.length > 0) throw new Error(`local stack: invalid port settings:\n  ${problems.join("\n  ")}`);
  return {
    env,
    packageRoot: root,
    layout: stateLayout(home),
    ports,
    startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    stopTimeoutMs: options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
    progress: options.onProgress ?? defaultProgress,
  };
}

function resolvePorts<T extends Record<string, PortSetting>>(defaults: T, env: NodeJS.ProcessEnv, problems: string[]): PortsOf<T> {
  const entries = Object.entries(defaults).map(([key, setting]) => {
    const raw = env[setting.envVar];
    if (raw === undefined || raw === "") return [key, setting] as const;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`${setting.envVar}=${raw} is not a port number (1-65535)`);
      return [key, setting] as const;
    }
    return [key, { envVar: setting.envVar, port }] as const;
  });
  return Object.fromEntries(entries) as PortsOf<T>;
}

function portClashes(settings: readonly PortSetting[]): string[] {
  const byPort = new Map<number, string[]>();
  for (const s of settings) byPort.set(s.port, [...(byPort.get(s.port) ?? []), s.envVar]);
  return [...byPort.entries()].filter(([, vars]) => vars.length > 1).map(([port, vars]) => `port ${port} is used by ${vars.join(" and ")}`);
}

function defaultProgress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}
