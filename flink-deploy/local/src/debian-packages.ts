import * as fs from "node:fs";
import * as path from "node:path";
import { runLogged } from "./process-control.js";
import type { StackConfig } from "./stack-config.js";
import { ServiceError } from "./stack-error.js";

export interface DebianPackage<Found> {
  /** The service that needs it, named in errors and progress. */
  readonly service: string;
  /** The package apt-get installs, e.g. "postgresql". */
  readonly name: string;
  /** What the service needs from the package (e.g. its binary's path), or undefined while it is not installed. */
  readonly find: () => Promise<Found | undefined>;
}

/** Unpacking a server with its dependencies takes a minute or two on a slow mirror. */
const APT_TIMEOUT_MS = 15 * 60_000;

/**
 * One apt-get at a time: dpkg holds a lock for the whole install, so parallel services take
 * turns instead of failing on it.
 */
let aptQueue: Promise<unknown> = Promise.resolve();
/** `apt-get update` runs at most once per process, before the first install. */
let indexUpdated = false;

/**
 * What `pkg.find` finds, installing the package first when it finds nothing. The installed case
 * costs only that look-up, so every `up` can call this. Installing needs root and apt-get (a
 * Debian or Ubuntu machine, such as CI); anywhere else the error says what to install.
 */
export async function ensureDebianPackage<Found>(pkg: DebianPackage<Found>, config: StackConfig): Promise<Found> {
  const present = await pkg.find();
  if (present !== undefined) return present;

  const logFile = path.join(config.layout.logsDir, "apt-get.log");
  if (process.getuid?.() !== 0) {
    throw new ServiceError(pkg.service, `Debian's ${pkg.name} package is not installed, and installing it needs root: run \`sudo apt-get install -y ${pkg.name}\``, []);
  }
  if (findOnPath("apt-get", config.env) === undefined) {
    throw new ServiceError(pkg.service, `${pkg.name} is not installed, and this machine has no apt-get to install Debian's package with`, []);
  }
  const turn = aptQueue.then(async () => {
    // An earlier turn may have installed it meanwhile.
    if ((await pkg.find()) !== undefined) return undefined;
    config.progress(`${pkg.service}: installing Debian's ${pkg.name} package with apt-get (first use only)`);
    // Never a question: CI has no terminal, and a configuration prompt would wait forever.
    const env = { ...config.env, DEBIAN_FRONTEND: "noninteractive" };
    if (!indexUpdated) {
      const failure = await runLogged({ command: "apt-get", args: ["-q", "update"], env, logFile, timeoutMs: APT_TIMEOUT_MS });
      if (failure !== undefined) return `apt-get update failed (${failure})`;
      indexUpdated = true;
    }
    // Another apt-get (a second stack, unattended upgrades) may hold dpkg's lock for a while.
    const args = ["-q", "-o", "DPkg::Lock::Timeout=600", "install", "-y", pkg.name];
    const failure = await runLogged({ command: "apt-get", args, env, logFile, timeoutMs: APT_TIMEOUT_MS });
    return failure === undefined ? undefined : `apt-get install ${pkg.name} failed (${failure})`;
  });
  aptQueue = turn.catch(() => undefined);
  const failure = await turn;
  if (failure !== undefined) throw new ServiceError(pkg.service, failure, [logFile]);

  const installed = await pkg.find();
  if (installed === undefined) throw new ServiceError(pkg.service, `apt-get installed ${pkg.name}, but what the service needs from it is still missing`, [logFile]);
  return installed;
}

/** The first executable file called `name` in the PATH of `env`. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env["PATH"] ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}
