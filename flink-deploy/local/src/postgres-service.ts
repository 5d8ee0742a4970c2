import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import pg from "pg";
import { ensureDebianPackage } from "./debian-packages.js";
import type { LocalService, Probe } from "./local-service.js";
import { managedProcess, type ManagedProcess } from "./managed-process.js";
import { LOOPBACK } from "./ports.js";
import { POSTGRES_DATABASE, POSTGRES_ROLE, postgresConfFiles, postgresSettings, renderPgHba, renderPostgresConf } from "./postgres-config.js";
import { createPasswordFile, readPasswordFile, scramSha256Verifier } from "./postgres-credentials.js";
import { runLogged } from "./process-control.js";
import { firstClosedDirectory, serverAccount } from "./server-account.js";
import type { StackConfig } from "./stack-config.js";
import { describeError, hidePasswords, ServiceError } from "./stack-error.js";

/** `url` carries the generated password: `postgres://tsflink:<password>@127.0.0.1:<port>/tsflink`. */
export type PostgresEndpoint = { readonly url: string };

const SERVER = "postgres";
/** The account Debian's package creates; PostgreSQL refuses to run as root. */
const SYSTEM_ACCOUNT = "postgres";
/** initdb writes a few MB and fsyncs it; single-user mode starts and checkpoints once. */
const BOOTSTRAP_TIMEOUT_MS = 120_000;

/**
 * PostgreSQL from Debian's packages, run as a plain `postgres` process on the stack's own data
 * directory: Debian's cluster (`pg_ctlcluster`, the systemd unit) is never used or touched.
 */
export const postgresService: LocalService<"postgres", PostgresEndpoint> = {
  name: "postgres",

  async initialize(config) {
    await createClusterOnce(config, await installedBinDir(config));
  },

  locate(config) {
    const url = config.env["PG_URL"];
    if (url) return { endpoint: { url }, envVar: "PG_URL" };
    // Before the first `up` there is no password yet; such a URL only ever describes a stopped server.
    const password = readPasswordFile(config.layout.postgres.passwordFile);
    const credentials = password === undefined ? POSTGRES_ROLE : `${POSTGRES_ROLE}:${encodeURIComponent(password)}`;
    return { endpoint: { url: `postgres://${credentials}@${LOOPBACK}:${config.ports.postgres.server.port}/${POSTGRES_DATABASE}` } };
  },

  clientEnvironment: (endpoint) => ({ PG_URL: endpoint.url }),

  processes: postgresProcesses,

  async prepare(config) {
    const [binDir, account] = await Promise.all([installedBinDir(config), serverAccount(SYSTEM_ACCOUNT)]);
    const files = postgresConfFiles(config);
    await openDirectory(config.layout.postgres.confDir);
    await Promise.all([
      writeReadable(files.conf, renderPostgresConf(postgresSettings(config))),
      writeReadable(files.hba, renderPgHba()),
    ]);
    const [server] = postgresProcesses(config);
    if (server === undefined) throw new Error("postgres has no server process");
    return new Map([
      [
        server.role,
        {
          executable: path.join(binDir, "postgres"),
          args: ["-D", config.layout.postgres.dataDir, "-c", `config_file=${files.conf}`],
          ...(account && { user: account }),
        },
      ],
    ]);
  },

  probe: probeSelect,
};

function postgresProcesses(config: StackConfig): ManagedProcess[] {
  return [
    managedProcess(config.layout, SERVER, [config.ports.postgres.server], {
      // Custom settings (any dotted name is one) that PostgreSQL accepts and ignores; the
      // postmaster keeps its command line, so they identify it.
      markers: [`--tsflink.process=${SERVER}`, `--tsflink.home=${config.layout.home}`],
      // PostgreSQL's "fast" shutdown. SIGTERM is its "smart" one, which waits for every client to
      // disconnect: a running job's connection pool would hold `down` until SIGKILL.
      stopSignal: "SIGINT",
      logsToOutput: true,
    }),
  ];
}

/** The newest PostgreSQL major version installed in Debian's layout, installing the package when there is none. */
function installedBinDir(config: StackConfig): Promise<string> {
  return ensureDebianPackage({ service: "postgres", name: "postgresql", find: findBinDir }, config);
}

async function findBinDir(): Promise<string | undefined> {
  const root = "/usr/lib/postgresql";
  let versions: string[];
  try {
    versions = await fsp.readdir(root);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const newestFirst = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return newestFirst
    .map((v) => path.join(root, v, "bin"))
    .find((bin) => fs.existsSync(path.join(bin, "postgres")) && fs.existsSync(path.join(bin, "initdb")));
}

/**
 * initdb, then the `tsflink` role with a generated password and its database, in single-user
 * mode (no server, no network). Built in `data.partial` and renamed, so a `data` directory is
 * always complete. The password file is written first: a failed attempt is retried with it.
 */
async function createClusterOnce(config: StackConfig, binDir: string): Promise<void> {
  const { dataDir, passwordFile } = config.layout.postgres;
  const postgresDir = path.dirname(dataDir);
  await openDirectory(postgresDir);
  const account = await serverAccount(SYSTEM_ACCOUNT);
  const closed = account && (await firstClosedDirectory(postgresDir, account));
  if (account && closed) {
    throw new ServiceError(
      "postgres",
      `the ${account.name} account, which runs PostgreSQL, may not enter ${closed}: allow it with \`chmod o+x ${closed}\` or choose another TSFLINK_HOME`,
      [],
    );
  }

  const existingPassword = readPasswordFile(passwordFile);
  if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (existingPassword !== undefined) return;
    throw new ServiceError(
      "postgres",
      `${passwordFile} is missing, so the password of the ${POSTGRES_ROLE} role in ${dataDir} is lost; delete ${postgresDir} to start PostgreSQL from nothing (its data too)`,
      [],
    );
  }

  config.progress(`postgres: creating the database cluster in ${dataDir} (first start)`);
  const password = existingPassword ?? (await createPasswordFile(passwordFile));
  const building = `${dataDir}.partial`;
  await fsp.rm(building, { recursive: true, force: true });
  await fsp.mkdir(building, { mode: 0o700 });
  if (account) await fsp.chown(building, account.uid, account.gid);

  const logFile = path.join(config.layout.logsDir, "postgres-initdb.log");
  const run = async (what: string, executable: string, args: readonly string[], input?: string) => {
    const failure = await runLogged({
      command: path.join(binDir, executable),
      args,
      env: config.env,
      logFile,
      timeoutMs: BOOTSTRAP_TIMEOUT_MS,
      ...(input !== undefined && { input }),
      ...(account && { user: account }),
    });
    if (failure !== undefined) throw new ServiceError("postgres", `${what} in ${building} failed (${failure})`, [logFile]);
  };
  // The superuser `postgres` gets no password: the stack's pg_hba.conf lets nobody in without one.
  await run("initdb", "initdb", ["-D", building, "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--auth-local=peer", "--auth-host=reject"]);
  // exit_on_error turns a failed statement into a non-zero exit, which single-user mode otherwise hides.
  await run("creating the tsflink role and database", "postgres", ["--single", "-D", building, "-c", "exit_on_error=on", "postgres"], bootstrapSql(password));
  await fsp.rename(building, dataDir);
}

function bootstrapSql(password: string): string {
  return [
    `CREATE ROLE ${POSTGRES_ROLE} LOGIN PASSWORD '${scramSha256Verifier(password)}';`,
    `CREATE DATABASE ${POSTGRES_DATABASE} OWNER ${POSTGRES_ROLE};`,
    "",
  ].join("\n");
}

/** A directory of the state directory that the server's account must pass through (mode 0755 whatever the umask). */
async function openDirectory(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  await fsp.chmod(dir, 0o755);
}

/** A file the server's account must read (mode 0644 whatever the umask). */
async function writeReadable(file: string, text: string): Promise<void> {
  await fsp.writeFile(file, text);
  await fsp.chmod(file, 0o644);
}

/** Healthy when the `tsflink` role logs in over TCP and runs `SELECT 1`. */
async function probeSelect(endpoint: PostgresEndpoint): Promise<Probe> {
  const client = new pg.Client({ connectionString: endpoint.url, connectionTimeoutMillis: 3000, query_timeout: 5000 });
  // A connection that breaks after the probe returned must not become an uncaught error.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ one: number; version: string; prepared: string }>(
      "SELECT 1 AS one, current_setting('server_version') AS version, current_setting('max_prepared_transactions') AS prepared",
    );
    const row = rows[0];
    if (row?.one !== 1) return { healthy: false, reason: `SELECT 1 answered ${JSON.stringify(row)}` };
    return { healthy: true, detail: `PostgreSQL ${row.version}, max_prepared_transactions ${row.prepared}` };
  } catch (e) {
    return { healthy: false, reason: `SELECT 1 on ${hidePasswords(endpoint.url)} failed: ${hidePasswords(describeError(e))}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}
