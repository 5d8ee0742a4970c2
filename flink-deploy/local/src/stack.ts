/**
 * The local stack: real servers on loopback, started and stopped by `tsflink up` / `tsflink down`
 * and by tests through `ensureStack`. See flink-deploy/README.md for ports, variables and files.
 */
import { flinkService, type FlinkEndpoint } from "./flink-service.js";
import { kafkaService, type KafkaEndpoint } from "./kafka-service.js";
import type { AnyLocalService, LocalService, ProcessRef, ServiceInfo, ServiceStatus } from "./local-service.js";
import { mongoService, type MongoEndpoint } from "./mongo-service.js";
import { postgresService, type PostgresEndpoint } from "./postgres-service.js";
import { redisService, type RedisEndpoint } from "./redis-service.js";
import { resolveStackConfig, type StackConfig, type StackOptions } from "./stack-config.js";
import { ServiceError, StackError } from "./stack-error.js";
import { withStackLock } from "./stack-lock.js";
import { inspectService, startService, stopLaunched, stopService } from "./service-lifecycle.js";

export type { StackOptions } from "./stack-config.js";
export type { ProcessRef, ProcessStatus, ServiceInfo, ServiceStatus } from "./local-service.js";
export { ServiceError, StackError } from "./stack-error.js";

/** Every service of the stack, in the order they are reported. New services are added here. */
const SERVICES = [flinkService, kafkaService, postgresService, redisService, mongoService] as const;

type StackService = (typeof SERVICES)[number];
type EndpointOf<S> = S extends LocalService<string, infer E> ? E : never;

export type ServiceName = StackService["name"];

export type StackInfo = {
  readonly services: { readonly [S in StackService as S["name"]]: ServiceInfo<EndpointOf<S>> };
};

export type StackStatus = {
  readonly services: { readonly [S in StackService as S["name"]]: ServiceStatus<EndpointOf<S>> };
};

export type DownOptions = StackOptions & {
  /** Stop only these services (by default all). */
  readonly services?: readonly ServiceName[];
};

export type DownResult = {
  /** Per service, the processes that were running and are now stopped. */
  readonly services: { readonly [N in ServiceName]: { readonly stopped: readonly ProcessRef[] } };
};

export type FlinkInfo = ServiceInfo<FlinkEndpoint>;
export type KafkaInfo = ServiceInfo<KafkaEndpoint>;
export type PostgresInfo = ServiceInfo<PostgresEndpoint>;
export type RedisInfo = ServiceInfo<RedisEndpoint>;
export type MongoInfo = ServiceInfo<MongoEndpoint>;

/**
 * Starts every service that is not already running and healthy (in parallel), and resolves once
 * each one answers. A service named in the environment (`FLINK_REST_URL`,
 * `KAFKA_BOOTSTRAP_SERVERS`, `PG_URL`, `REDIS_URL`, `MONGODB_URI`) is used instead of started. On
 * failure, whatever this call started is stopped again and a StackError names each failed
 * service, the reason and its log.
 */
export async function up(options: StackOptions = {}): Promise<StackInfo> {
  return (await startStack(resolveStackConfig(options))).stack;
}

/**
 * Stops exactly the processes that `up` recorded in pid files (SIGTERM, then SIGKILL after the stop
 * timeout) and removes the pid files. Running it when nothing runs is fine.
 */
export async function down(options: DownOptions = {}): Promise<DownResult> {
  const config = resolveStackConfig(options);
  const selected = new Set<string>(options.services ?? SERVICES.map((s) => s.name));
  return withStackLock(config.layout.lockFile, config.progress, async () => {
    const stopped = await Promise.all(
      SERVICES.map(async (service) => {
        const refs = selected.has(service.name) ? await stopService(service, config) : [];
        for (const ref of refs) config.progress(`${service.name}: stopped ${ref.role} (pid ${ref.pid})`);
        return [service.name, { stopped: refs }] as const;
      }),
    );
    return { services: perService<DownResult["services"]>(stopped) };
  });
}

/** What runs and whether it answers; changes nothing, and does not wait for a concurrent `up`. */
export async function status(options: StackOptions = {}): Promise<StackStatus> {
  const config = resolveStackConfig(options);
  const statuses = await Promise.all(SERVICES.map(async (service) => [service.name, await inspectService(service, config)] as const));
  return { services: perService<StackStatus["services"]>(statuses) };
}

/**
 * Where each service is reached (the environment's instance or the local stack's address),
 * without asking whether it runs: for the CLI's configuration, which must not wait on health checks.
 */
export function locateServices(options: StackOptions = {}): { readonly [S in StackService as S["name"]]: EndpointOf<S> } {
  const config = resolveStackConfig(options);
  const services: readonly AnyLocalService[] = SERVICES;
  return Object.fromEntries(services.map((s) => [s.name, s.locate(config).endpoint])) as { readonly [S in StackService as S["name"]]: EndpointOf<S> };
}

export interface StackHandle {
  readonly stack: StackInfo;
  /** The services this call launched processes for; empty when everything already ran. */
  readonly started: readonly ServiceName[];
  /** Stops what this call started and nothing else, so a developer's running stack survives a test run. */
  stop(): Promise<void>;
}

/**
 * For tests: brings the stack up (reusing whatever runs) and returns a handle whose `stop()` undoes
 * only this call's work. Call it once per test run, e.g. in a vitest globalSetup or beforeAll.
 */
export async function ensureStack(options: StackOptions = {}): Promise<StackHandle> {
  const { stack, started } = await startStack(resolveStackConfig(options));
  return {
    stack,
    started,
    async stop() {
      if (started.length > 0) await down({ ...options, services: started });
    },
  };
}

/**
 * Starts Flink's TaskManager again when its process is gone (a failure test killed it) and
 * resolves to the pid of the TaskManager that runs now; a running one is left alone, and no other
 * service is touched. The JobManager notices the new TaskManager by itself and restarts jobs on it.
 */
export async function ensureTaskManager(options: StackOptions = {}): Promise<number> {
  const config = resolveStackConfig(options);
  const services: readonly AnyLocalService[] = SERVICES;
  return withStackLock(config.layout.lockFile, config.progress, async () => {
    const clientEnvironment = Object.assign({}, ...services.map((s) => s.clientEnvironment(s.locate(config).endpoint))) as Record<string, string>;
    const { info } = await startService(flinkService, config, clientEnvironment);
    const taskManager = info.processes?.find((p) => p.role === "flink-taskmanager");
    if (taskManager?.pid === undefined) throw new StackError([new ServiceError("flink", "no TaskManager runs after starting one", [])]);
    return taskManager.pid;
  });
}

async function startStack(config: StackConfig): Promise<{ stack: StackInfo; started: ServiceName[] }> {
  const services: readonly AnyLocalService[] = SERVICES;
  return withStackLock(config.layout.lockFile, config.progress, async () => {
    // Generated credentials are part of an endpoint, so they must exist before any is located.
    const initialized = await Promise.allSettled(
      services.map((s) => (s.locate(config).envVar === undefined ? s.initialize?.(config) : undefined)),
    );
    const initFailures = initialized.flatMap((r, i) => (r.status === "rejected" ? [asServiceError(services[i], r.reason)] : []));
    if (initFailures.length > 0) throw new StackError(initFailures);

    // Every process learns where every service is, so a submitted job's main() finds Kafka,
    // PostgreSQL, Redis and MongoDB whether the stack started them or the environment named them.
    const clientEnvironment = Object.assign({}, ...services.map((s) => s.clientEnvironment(s.locate(config).endpoint))) as Record<string, string>;
    const results = await Promise.allSettled(services.map((s) => startService(s, config, clientEnvironment)));

    const failures = results.flatMap((r, i) => (r.status === "rejected" ? [asServiceError(services[i], r.reason)] : []));
    if (failures.length > 0) {
      // Leave the machine as this call found it: stop what the services that did come up launched.
      await Promise.all(results.map((r) => (r.status === "fulfilled" ? stopLaunched(r.value.launched, config) : undefined)));
      throw new StackError(failures);
    }

    const fulfilled = results.map((r) => (r.status === "fulfilled" ? r.value : undefined));
    const entries = services.map((s, i) => [s.name, fulfilled[i]?.info] as const);
    const started = services.filter((_, i) => (fulfilled[i]?.launched.length ?? 0) > 0).map((s) => s.name as ServiceName);
    return { stack: { services: perService<StackInfo["services"]>(entries) }, started };
  });
}

function asServiceError(service: AnyLocalService | undefined, reason: unknown): ServiceError {
  if (reason instanceof ServiceError) return reason;
  return new ServiceError(service?.name ?? "stack", reason instanceof Error ? reason.message : String(reason), []);
}

/**
 * The per-service record from one entry per service. Object.fromEntries forgets the keys; they
 * are complete here because every caller maps over SERVICES.
 */
function perService<T>(entries: readonly (readonly [string, unknown])[]): T {
  return Object.fromEntries(entries) as unknown as T;
}
