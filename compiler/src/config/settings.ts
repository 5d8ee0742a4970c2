import * as path from "node:path";
import { locateServices } from "../../../flink-deploy/local/src/stack.js";
import { hidePasswords } from "../../../flink-deploy/local/src/stack-error.js";
import { ConfigError, findConfigFile, loadConfigFile } from "./config-file.js";
import type { ProfileSettings, TsflinkConfig } from "./define-config.js";

export type SettingName = keyof ProfileSettings;

interface SettingSpec {
  /** The variable that sets it. */
  readonly env: string;
  /** The command-line option that sets it, as `--help` shows it. */
  readonly flag: string;
  readonly describe: string;
  /** What applies when nothing sets it. */
  readonly fallback: "local stack" | "cluster default" | "pipeline";
}

/** Every setting, in the order `tsflink config` prints them. */
export const SETTINGS: { readonly [K in SettingName]-?: SettingSpec } = {
  flinkRestUrl: { env: "FLINK_REST_URL", flag: "--flink-url", describe: "Flink REST API and web UI", fallback: "local stack" },
  kafkaBootstrapServers: { env: "KAFKA_BOOTSTRAP_SERVERS", flag: "--kafka", describe: "Kafka brokers", fallback: "local stack" },
  pgUrl: { env: "PG_URL", flag: "--pg-url", describe: "PostgreSQL", fallback: "local stack" },
  mongodbUri: { env: "MONGODB_URI", flag: "--mongodb-uri", describe: "MongoDB", fallback: "local stack" },
  redisUrl: { env: "REDIS_URL", flag: "--redis-url", describe: "Redis", fallback: "local stack" },
  parallelism: { env: "TSFLINK_PARALLELISM", flag: "-p, --parallelism", describe: "parallelism of submitted jobs", fallback: "pipeline" },
  checkpointDir: { env: "TSFLINK_CHECKPOINT_DIR", flag: "--checkpoint-dir", describe: "checkpoint directory of submitted jobs", fallback: "cluster default" },
  savepointDir: { env: "TSFLINK_SAVEPOINT_DIR", flag: "--dir", describe: "savepoint directory", fallback: "cluster default" },
};

export type SettingSource =
  | { readonly kind: "flag"; readonly flag: string }
  | { readonly kind: "environment"; readonly variable: string }
  | { readonly kind: "profile"; readonly profile: string; readonly file: string }
  | { readonly kind: "default"; readonly what: SettingSpec["fallback"] };

export interface Setting<T> {
  readonly value: T | undefined;
  readonly source: SettingSource;
}

export type Settings = { readonly [K in SettingName]-?: Setting<NonNullable<ProfileSettings[K]>> };

export interface ResolvedConfig {
  /** The config file read, if any. */
  readonly file: string | undefined;
  /** The profile whose values apply, and who chose it. */
  readonly profile: { readonly name: string; readonly chosenBy: "--profile" | "TSFLINK_PROFILE" | "defaultProfile" } | undefined;
  readonly settings: Settings;
}

export interface ConfigInput {
  /** Values given on the command line; undefined where an option was not given. */
  readonly flags?: Partial<ProfileSettings>;
  readonly profile?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the search for `tsflink.config.ts` starts. */
  readonly cwd?: string;
}

/**
 * Every setting from the first place that has it: a command-line flag, then the environment,
 * then the chosen profile of `tsflink.config.ts`, then the local stack's address (service URLs)
 * or nothing, which leaves it to the pipeline or the cluster.
 */
export async function resolveConfig(input: ConfigInput = {}): Promise<ResolvedConfig> {
  const env = input.env ?? process.env;
  const file = findConfigFile(input.cwd ?? process.cwd());
  const config: TsflinkConfig | undefined = file ? await loadConfigFile(file) : undefined;
  const profile = chooseProfile(input.profile, env, config, file);
  const fromProfile = profile && config ? (config.profiles[profile.name] ?? {}) : {};
  const shownFile = file ? path.relative(input.cwd ?? process.cwd(), file) || file : "";
  // Only the local stack's addresses, never the environment's: the environment is its own layer.
  const local = locateServices({ env: withoutServiceVariables(env) });
  const localValues: Partial<ProfileSettings> = {
    flinkRestUrl: local.flink.restUrl,
    kafkaBootstrapServers: local.kafka.bootstrapServers,
    pgUrl: local.postgres.url,
    mongodbUri: local.mongodb.uri,
    redisUrl: local.redis.url,
  };

  const resolve = <K extends SettingName>(name: K): Setting<NonNullable<ProfileSettings[K]>> => {
    const spec = SETTINGS[name];
    const flag = input.flags?.[name];
    if (flag !== undefined) return { value: flag as NonNullable<ProfileSettings[K]>, source: { kind: "flag", flag: spec.flag.replace(/^-\w, /, "") } };
    const raw = env[spec.env];
    if (raw !== undefined && raw !== "") return { value: parseEnv(name, spec.env, raw) as NonNullable<ProfileSettings[K]>, source: { kind: "environment", variable: spec.env } };
    const configured = fromProfile[name];
    if (configured !== undefined && profile) return { value: configured as NonNullable<ProfileSettings[K]>, source: { kind: "profile", profile: profile.name, file: shownFile } };
    return { value: localValues[name] as NonNullable<ProfileSettings[K]> | undefined, source: { kind: "default", what: spec.fallback } };
  };
  const settings = Object.fromEntries((Object.keys(SETTINGS) as SettingName[]).map((name) => [name, resolve(name)])) as unknown as Settings;
  return { file, profile, settings };
}

function chooseProfile(flag: string | undefined, env: NodeJS.ProcessEnv, config: TsflinkConfig | undefined, file: string | undefined): ResolvedConfig["profile"] {
  const chosen = flag !== undefined ? { name: flag, chosenBy: "--profile" as const } : env["TSFLINK_PROFILE"] ? { name: env["TSFLINK_PROFILE"], chosenBy: "TSFLINK_PROFILE" as const } : undefined;
  if (chosen) {
    if (!config || !file) throw new ConfigError(`${chosen.chosenBy} names profile '${chosen.name}', but there is no tsflink.config.ts in this directory or above it`);
    if (!(chosen.name in config.profiles)) {
      throw new ConfigError(`${chosen.chosenBy} names profile '${chosen.name}', which ${path.basename(file)} does not define (it has ${Object.keys(config.profiles).join(", ") || "none"})`);
    }
    return chosen;
  }
  return config?.defaultProfile !== undefined ? { name: config.defaultProfile, chosenBy: "defaultProfile" } : undefined;
}

function parseEnv(name: SettingName, variable: string, raw: string): string | number {
  if (name !== "parallelism") return raw;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${variable}=${raw} is not a positive integer`);
  return n;
}

const SERVICE_VARIABLES = ["flinkRestUrl", "kafkaBootstrapServers", "pgUrl", "mongodbUri", "redisUrl"].map((n) => SETTINGS[n as SettingName].env);

function withoutServiceVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !SERVICE_VARIABLES.includes(k)));
}

/**
 * The environment for the local stack's `up`/`down`/`status`: service URLs that a flag or the
 * profile set join the variables, so the stack uses those servers instead of starting its own.
 */
export function stackEnvironment(config: ResolvedConfig, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const named = Object.fromEntries(
    (Object.keys(SETTINGS) as SettingName[])
      .filter((n) => SERVICE_VARIABLES.includes(SETTINGS[n].env))
      .flatMap((n) => {
        const s = config.settings[n];
        return s.source.kind === "flag" || s.source.kind === "profile" ? [[SETTINGS[n].env, String(s.value)]] : [];
      }),
  );
  return { ...env, ...named };
}

/** How a source reads in messages: "the FLINK_REST_URL variable", "profile 'prod' in tsflink.config.ts". */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case "flag":
      return `the ${source.flag} option`;
    case "environment":
      return `the ${source.variable} variable`;
    case "profile":
      return `profile '${source.profile}' in ${source.file}`;
    case "default":
      return source.what === "local stack" ? "the local stack" : source.what === "pipeline" ? "the pipeline" : "the cluster's default";
  }
}

/** A value as it may be shown: passwords in URLs masked. */
export function showValue(value: string | number | undefined): string {
  return value === undefined ? "(unset)" : hidePasswords(String(value));
}
