import type { LaunchCommand, ManagedProcess } from "./managed-process.js";
import type { StackConfig } from "./stack-config.js";

/** A process the stack runs for a service. */
export type ProcessRef = {
  readonly role: string;
  readonly pid: number;
  readonly log: string;
};

/**
 * How to use a service: its endpoint fields (`restUrl`, `bootstrapServers`, `url`, `uri`),
 * plus, when this stack runs it, the main process's pid and log and every process it runs. A
 * service taken from the environment has no pid.
 *
 * Declared as type aliases, not interfaces, so results stay assignable to `Record<string, unknown>`.
 */
export type ServiceInfo<Endpoint extends object> = Endpoint & {
  readonly pid?: number;
  readonly log?: string;
  readonly processes?: readonly ProcessRef[];
};

export type ProcessStatus = {
  readonly role: string;
  /** "stale": the pid file names a pid that is gone or is not this process; it is reported, never signalled. */
  readonly state: "running" | "stopped" | "stale";
  readonly pid?: number;
  readonly pidFile: string;
  readonly log: string;
  readonly out: string;
};

export type ServiceStatus<Endpoint extends object> = Endpoint & {
  readonly state: "healthy" | "unhealthy" | "stopped";
  /** "environment": named by a variable such as FLINK_REST_URL, so only its health is checked. */
  readonly source: "local" | "environment";
  /** What the health check saw, or why the service is not healthy. */
  readonly detail: string;
  readonly pid?: number;
  readonly log?: string;
  readonly processes: readonly ProcessStatus[];
};

export type Probe = { readonly healthy: true; readonly detail: string } | { readonly healthy: false; readonly reason: string };

/** Where a service is reached; `envVar` is set when the environment named an instance to use instead of starting one. */
export interface Location<Endpoint extends object> {
  readonly endpoint: Endpoint;
  readonly envVar?: string;
}

/**
 * One server of the local stack. The stack handles pid files, launching, health waits, rollback
 * and stopping the same way for every service; a service only says what it runs and how to tell
 * that it works.
 */
export interface LocalService<Name extends string, Endpoint extends object> {
  readonly name: Name;
  /**
   * Creates, once, what the endpoint itself depends on, such as a generated password and the
   * storage it guards. `up` calls it before any endpoint is located, and only when the stack runs
   * the service itself.
   */
  initialize?(config: StackConfig): Promise<void>;
  locate(config: StackConfig): Location<Endpoint>;
  /** Variables by which other programs find this service (e.g. KAFKA_BOOTSTRAP_SERVERS); every JVM of the stack gets them. */
  clientEnvironment(endpoint: Endpoint): Readonly<Record<string, string>>;
  /** The processes the stack runs for this service, in launch order. */
  processes(config: StackConfig): readonly ManagedProcess[];
  /** Classpath, configuration files, storage: all that must exist before `roles` are launched, and their commands. */
  prepare(config: StackConfig, roles: readonly string[]): Promise<ReadonlyMap<string, LaunchCommand>>;
  /** One health check; never throws. */
  probe(endpoint: Endpoint): Promise<Probe>;
}

/** The stack's view of a service, with the endpoint type erased so services can share one list. */
export type AnyLocalService = LocalService<string, object>;
