import { runLogged } from "./process-control.js";

export interface MavenRun {
  /** Arguments after `mvn`; `--offline` is added for the first attempt. */
  readonly args: readonly string[];
  /** Maven's output goes here, appended. */
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  /** Announced before Maven goes online, e.g. "kafka: resolving kafka-broker with Maven (downloads on first use)". */
  readonly onlineMessage: string;
  readonly progress: (message: string) => void;
}

/** A cold run downloads a few hundred MB; after this long something is wrong with the network. */
const MAVEN_TIMEOUT_MS = 20 * 60_000;

/**
 * One downloading Maven at a time: two processes fetching the same artifact into the local
 * repository can corrupt it. Offline runs only read it, so they need no turn.
 */
let downloadQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs Maven offline first, which succeeds exactly when every artifact is already in the local
 * repository and then skips all network checks; only when that fails does it run again online.
 * Resolves to undefined on success, or to why the last attempt failed.
 */
export async function runMavenOfflineFirst(run: MavenRun): Promise<string | undefined> {
  const failure = await runMaven([...run.args, "--offline"], run);
  if (failure === undefined) return undefined;
  const online = downloadQueue.then(() => {
    run.progress(run.onlineMessage);
    return runMaven(run.args, run);
  });
  downloadQueue = online.catch(() => undefined);
  return online;
}

function runMaven(args: readonly string[], run: MavenRun): Promise<string | undefined> {
  const mavenOpts = run.env["MAVEN_OPTS"] ?? "";
  return runLogged({
    command: "mvn",
    args,
    // Maven is a JVM too; without a limit it takes a quarter of the machine's memory.
    env: { ...run.env, MAVEN_OPTS: mavenOpts.includes("-Xmx") ? mavenOpts : `${mavenOpts} -Xmx512m`.trim() },
    logFile: run.logFile,
    timeoutMs: MAVEN_TIMEOUT_MS,
  });
}
