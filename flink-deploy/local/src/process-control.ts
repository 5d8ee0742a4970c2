import { execFile, spawn } from "node:child_process";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { pollUntil } from "./polling.js";

/** A command to run in the background, detached from the caller so it outlives it. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Receives the process's stdout and stderr; truncated at launch. */
  readonly outFile: string;
  /** Runs as this account instead of the caller's. */
  readonly user?: OsAccount;
}

/** An operating-system account by number, as a process is switched to it. */
export interface OsAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export interface LaunchedProcess {
  readonly pid: number;
  /** "exited with code 1" or "was killed by SIGKILL" once the process has ended while this caller watched; otherwise undefined. */
  exitStatus(): string | undefined;
  /** Settles once this caller has reaped the process, so it leaves no zombie behind when the caller exits. */
  readonly reaped: Promise<void>;
}

/**
 * Starts a process in its own session with no pipes to the caller, so the CLI can exit while the
 * server keeps running.
 */
export async function launchDetached(spec: LaunchSpec): Promise<LaunchedProcess> {
  const out = await fsp.open(spec.outFile, "w");
  try {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ["ignore", out.fd, out.fd],
      ...(spec.user && { uid: spec.user.uid, gid: spec.user.gid }),
    });
    let exit: string | undefined;
    const reaped = new Promise<void>((resolve) =>
      child.on("exit", (code, signal) => {
        exit = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (e: NodeJS.ErrnoException) =>
        reject(e.code === "ENOENT" ? new Error(`'${spec.command}' was not found on PATH`) : e),
      );
    });
    // An error after a successful spawn (e.g. a failed kill) must not crash the caller.
    child.on("error", () => undefined);
    child.unref();
    if (child.pid === undefined) throw new Error(`'${spec.command}' started without a pid`);
    return { pid: child.pid, exitStatus: () => exit, reaped };
  } finally {
    await out.close();
  }
}

/**
 * The arguments a running process was started with, or undefined when there is no such process
 * or it has already exited (a zombie has an empty command line).
 */
export async function commandLine(pid: number): Promise<readonly string[] | undefined> {
  try {
    const raw = await fsp.readFile(`/proc/${pid}/cmdline`, "utf8");
    const args = raw.split("\0").filter((a) => a.length > 0);
    return args.length > 0 ? args : undefined;
  } catch (e) {
    // ESRCH: the process ended between opening the file and reading it.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ESRCH") return undefined;
    if (code !== "ENOENT") throw e;
  }
  // No /proc (macOS): ps prints the command line with spaces between arguments.
  return new Promise((resolve) => {
    execFile("ps", ["-ww", "-o", "command=", "-p", String(pid)], (error, stdout) => {
      const line = stdout.trim();
      resolve(error || line.length === 0 ? undefined : line.split(/\s+/));
    });
  });
}

/**
 * True when `pid` is alive and carries every marker argument. A pid file alone proves nothing:
 * after a reboot or a crash the number may belong to an unrelated process.
 */
export async function isOwnProcess(pid: number, markers: readonly string[]): Promise<boolean> {
  const args = await commandLine(pid);
  return args !== undefined && markers.every((m) => args.includes(m));
}

/**
 * `stopSignal` (SIGTERM unless the program shuts down cleanly on another), then SIGKILL if the
 * process is still there after `timeoutMs`. Resolves to false when the pid was not (or no longer)
 * our process, so nothing was signalled.
 */
export async function stopProcess(pid: number, markers: readonly string[], timeoutMs: number, stopSignal: NodeJS.Signals = "SIGTERM"): Promise<boolean> {
  if (!(await isOwnProcess(pid, markers))) return false;
  const gone = async () => !(await isOwnProcess(pid, markers));
  signal(pid, stopSignal);
  if (await pollUntil(gone, timeoutMs, 100)) return true;
  signal(pid, "SIGKILL");
  if (await pollUntil(gone, 10_000, 100)) return true;
  throw new Error(`pid ${pid} is still running after SIGKILL`);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (e) {
    // Exiting between the check and the signal is the outcome we want anyway.
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/** The last `lines` lines of a text file, or "" if it does not exist. */
export async function tail(file: string, lines: number): Promise<string> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw e;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 16_384);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString("utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } finally {
    await handle.close();
  }
}

/** A command run to completion with its output appended to a log file. */
export interface LoggedRun {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly timeoutMs: number;
  /** Written to the command's stdin, which is otherwise empty; never copied to the log. */
  readonly input?: string;
  /** Runs as this account instead of the caller's. */
  readonly user?: OsAccount;
}

/** Resolves to undefined on success, or to why the command failed ("exit code 1", "not found on PATH"). */
export async function runLogged(run: LoggedRun): Promise<string | undefined> {
  await fsp.mkdir(path.dirname(run.logFile), { recursive: true });
  const log = await fsp.open(run.logFile, "a");
  try {
    // A classpath is thousands of characters of jar paths; the .classpath files hold it in full.
    const shown = run.args.map((arg, i) => (run.args[i - 1] === "-cp" ? `<${arg.split(path.delimiter).length} jars>` : arg));
    await log.write(`\n$ ${run.command} ${shown.join(" ")}\n`);
    return await new Promise((resolve) => {
      const child = spawn(run.command, [...run.args], {
        env: run.env,
        stdio: [run.input === undefined ? "ignore" : "pipe", log.fd, log.fd],
        ...(run.user && { uid: run.user.uid, gid: run.user.gid }),
      });
      // A command that exits without reading all of its input must not fail the caller with EPIPE.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(run.input);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, run.timeoutMs);
      child.once("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(e.code === "ENOENT" ? `'${run.command}' was not found on PATH` : `'${run.command}' could not start: ${e.message}`);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        if (timedOut) resolve(`no result after ${Math.round(run.timeoutMs / 1000)} s`);
        else if (code === 0) resolve(undefined);
        else resolve(signal ? `killed by ${signal}` : `exit code ${String(code)}`);
      });
    });
  } finally {
    await log.close();
  }
}
