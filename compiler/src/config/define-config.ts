/**
 * The typed shape of `tsflink.config.ts`: named profiles of connection settings and defaults.
 * Every field is optional; what a profile leaves out falls back to the local stack or to Flink.
 */
export interface ProfileSettings {
  /** The Flink REST API and web UI, e.g. `http://127.0.0.1:8081` (FLINK_REST_URL). */
  readonly flinkRestUrl?: string;
  /** Kafka brokers, `host:port[,host:port…]` (KAFKA_BOOTSTRAP_SERVERS). */
  readonly kafkaBootstrapServers?: string;
  /** `postgres://user:password@host:port/db` (PG_URL). */
  readonly pgUrl?: string;
  /** `mongodb://…` (MONGODB_URI). */
  readonly mongodbUri?: string;
  /** `redis://…` (REDIS_URL). */
  readonly redisUrl?: string;
  /** The parallelism `submit` runs jobs at when `-p` is not given (overrides the pipeline's own). */
  readonly parallelism?: number;
  /** Where submitted jobs write checkpoints (Flink's `execution.checkpointing.dir`), e.g. `s3://bucket/checkpoints`. */
  readonly checkpointDir?: string;
  /** Where `savepoint`, `stop` and `upgrade` write savepoints (Flink's `execution.checkpointing.savepoint-dir`). */
  readonly savepointDir?: string;
}

export interface TsflinkConfig<P extends string = string> {
  readonly profiles: { readonly [K in P]: ProfileSettings };
  /** The profile used when neither `--profile` nor `TSFLINK_PROFILE` names one. */
  readonly defaultProfile?: NoInfer<P>;
}

/**
 * Declares the configuration; it only returns its argument, so the editor checks the settings'
 * names and types and `defaultProfile` against the declared profiles.
 *
 * ```ts
 * export default defineConfig({
 *   defaultProfile: "local",
 *   profiles: { local: {}, prod: { flinkRestUrl: "https://flink.internal", parallelism: 4 } },
 * });
 * ```
 */
export function defineConfig<P extends string>(config: TsflinkConfig<P>): TsflinkConfig<P> {
  return config;
}
