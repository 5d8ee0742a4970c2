import * as path from "node:path";

/**
 * Where the local stack keeps its files, all under one state directory so that deleting it (after
 * `down`) resets the stack completely. The README documents this layout; keep the two in step.
 */
export interface StateLayout {
  readonly home: string;
  /** Held while `up` or `down` runs, so two of them never interleave. */
  readonly lockFile: string;
  /** Resolved Maven classpaths and the hash of the pom each was resolved from. */
  readonly classpathDir: string;
  /** Every log: one `<process>.log` (the service's logger) and `<process>.out` (JVM stdout/stderr) per process. */
  readonly logsDir: string;
  /** `<process>.pid` and `<process>.args` (the JVM's argument file, to rerun it by hand). */
  readonly runDir: string;
  readonly flink: {
    readonly confDir: string;
    readonly checkpointsDir: string;
    readonly savepointsDir: string;
    readonly webUploadDir: string;
    readonly tmpDir: string;
    readonly pluginsDir: string;
  };
  readonly kafka: {
    readonly confDir: string;
    readonly dataDir: string;
  };
  readonly postgres: {
    /** postgresql.conf and pg_hba.conf, read by the server's account. */
    readonly confDir: string;
    /** The database cluster (initdb), owned by the account that runs the server. */
    readonly dataDir: string;
    /** The generated password of the `tsflink` role, mode 0600; it reaches clients only through the endpoint. */
    readonly passwordFile: string;
  };
  readonly redis: {
    readonly confFile: string;
    /** `dir`: the append-only files. */
    readonly dataDir: string;
  };
  readonly mongodb: {
    /** Maven's build directory for `local/mongo-server` (jar, and the dependencies in `lib/`). */
    readonly buildDir: string;
    /** The H2 MVStore file that holds every database. */
    readonly dataFile: string;
  };
}

export function stateLayout(home: string): StateLayout {
  const flink = path.join(home, "flink");
  const kafka = path.join(home, "kafka");
  const postgres = path.join(home, "postgres");
  const redis = path.join(home, "redis");
  const mongodb = path.join(home, "mongodb");
  return {
    home,
    lockFile: path.join(home, "stack.lock"),
    classpathDir: path.join(home, "classpath"),
    logsDir: path.join(home, "logs"),
    runDir: path.join(home, "run"),
    flink: {
      confDir: path.join(flink, "conf"),
      checkpointsDir: path.join(flink, "checkpoints"),
      savepointsDir: path.join(flink, "savepoints"),
      webUploadDir: path.join(flink, "web-upload"),
      tmpDir: path.join(flink, "tmp"),
      pluginsDir: path.join(flink, "plugins"),
    },
    kafka: {
      confDir: path.join(kafka, "conf"),
      dataDir: path.join(kafka, "data"),
    },
    postgres: {
      confDir: path.join(postgres, "conf"),
      dataDir: path.join(postgres, "data"),
      passwordFile: path.join(postgres, "password"),
    },
    redis: {
      confFile: path.join(redis, "redis.conf"),
      dataDir: path.join(redis, "data"),
    },
    mongodb: {
      buildDir: path.join(mongodb, "build"),
      dataFile: path.join(mongodb, "data.mv"),
    },
  };
}
