import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { isOwnProcess, launchDetached, stopProcess, type LaunchedProcess, type OsAccount } from "./process-control.js";
import type { PortSetting } from "./stack-config.js";
import type { StateLayout } from "./state-layout.js";

/** One long-running server process of the local stack (a JVM or a native program), and the files that track it. */
export interface ManagedProcess {
  /** Unique within the stack, e.g. "flink-jobmanager"; names its pid, args and log files. */
  readonly role: string;
  readonly pidFile: string;
  /** How it was launched: a JVM's argument file (rerun with `java @<file>`), or a program's shell command line. */
  readonly argsFile: string;
  /** The service's own log (Log4j for the JVMs). */
  readonly log: string;
  /** The process's stdout and stderr: crashes before logging starts, and `main()` output of submitted jobs. */
  readonly out: string;
  /** Arguments that prove a pid is this process of this state directory (see `isOwnProcess`). */
  readonly markers: readonly string[];
  /** Ports the process listens on, checked before it is launched. */
  readonly ports: readonly PortSetting[];
  /** The signal that asks the process to shut down cleanly; SIGKILL follows after the stop timeout. */
  readonly stopSignal: NodeJS.Signals;
}

/** What sets a native program apart from a JVM; a JVM needs none of it. */
export interface ProcessOptions {
  /**
   * Arguments that identify the program and its state directory, placed first on its command
   * line; a JVM gets `-Dtsflink.process=<role> -Dtsflink.home=<dir>` instead.
   */
  readonly markers?: readonly string[];
  readonly stopSignal?: NodeJS.Signals;
  /** The program logs to stderr, so its log is its output file (`<role>.log`, no `.out`). */
  readonly logsToOutput?: boolean;
}

export function managedProcess(layout: StateLayout, role: string, ports: readonly PortSetting[], options: ProcessOptions = {}): ManagedProcess {
  const log = path.join(layout.logsDir, `${role}.log`);
  return {
    role,
    pidFile: path.join(layout.runDir, `${role}.pid`),
    argsFile: path.join(layout.runDir, `${role}.args`),
    log,
    out: options.logsToOutput ? log : path.join(layout.logsDir, `${role}.out`),
    markers: options.markers ?? [`-Dtsflink.process=${role}`, `-Dtsflink.home=${layout.home}`],
    ports,
    stopSignal: options.stopSignal ?? "SIGTERM",
  };
}

export type ProcessState =
  | { readonly state: "running"; readonly pid: number }
  | { readonly state: "stopped" }
  /** The pid file names a pid that is gone or belongs to another program. */
  | { readonly state: "stale"; readonly pid: number };

export async function inspectProcess(p: ManagedProcess): Promise<ProcessState> {
  const pid = await readPidFile(p.pidFile);
  if (pid === undefined) return { state: "stopped" };
  return (await isOwnProcess(pid, p.markers)) ? { state: "running", pid } : { state: "stale", pid };
}

/** A JVM invocation; the stack adds the marker arguments in front. */
export interface JvmCommand {
  readonly jvmOptions: readonly string[];
  readonly classpath: string;
  readonly mainClass: string;
  readonly args: readonly string[];
  /** Variables this process needs on top of the stack's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A native server program, run as `<executable> <markers> <args>`. */
export interface ProgramCommand {
  readonly executable: string;
  readonly args: readonly string[];
  /** Variables this process needs on top of the stack's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs it as this account instead of the caller's (PostgreSQL refuses to run as root). */
  readonly user?: OsAccount;
}

export type LaunchCommand = JvmCommand | ProgramCommand;

/**
 * Launches the process detached and records its pid. The previous run's log and out files are
 * kept as `<role>.previous.log` / `.out`, so the current files hold exactly one run.
 */
export async function launchProcess(p: ManagedProcess, command: LaunchCommand, env: NodeJS.ProcessEnv, cwd: string): Promise<LaunchedProcess> {
  await Promise.all([fsp.mkdir(path.dirname(p.pidFile), { recursive: true }), fsp.mkdir(path.dirname(p.log), { recursive: true })]);
  await Promise.all([...new Set([p.log, p.out])].map(keepPrevious));
  let launch: { command: string; args: string[]; user?: OsAccount };
  if ("mainClass" in command) {
    const argsFileLines = [...command.jvmOptions, "-cp", command.classpath, command.mainClass, ...command.args].map(quoteForArgFile);
    await fsp.writeFile(p.argsFile, `${argsFileLines.join("\n")}\n`);
    // The markers stay on the real command line (not in the argument file) so /proc and ps show them.
    launch = { command: "java", args: [...p.markers, `@${p.argsFile}`] };
  } else {
    const args = [...p.markers, ...command.args];
    const asUser = command.user ? ["runuser", "-u", command.user.name, "--"] : [];
    await fsp.writeFile(p.argsFile, `${[...asUser, command.executable, ...args].map(quoteForShell).join(" ")}\n`);
    launch = { command: command.executable, args, ...(command.user && { user: command.user }) };
  }
  const launched = await launchDetached({ ...launch, env: { ...env, ...command.env }, cwd, outFile: p.out });
  await fsp.writeFile(p.pidFile, `${launched.pid}\n`);
  return launched;
}

/** Stops the process if it runs and removes its pid file; resolves to the pid that was stopped. */
export async function stopManagedProcess(p: ManagedProcess, timeoutMs: number): Promise<number | undefined> {
  const pid = await readPidFile(p.pidFile);
  const stopped = pid !== undefined && (await stopProcess(pid, p.markers, timeoutMs, p.stopSignal));
  await fsp.rm(p.pidFile, { force: true });
  return stopped ? pid : undefined;
}

/** Forgets a pid file that names no process of ours, so the next launch starts clean. */
export async function removePidFile(p: ManagedProcess): Promise<void> {
  await fsp.rm(p.pidFile, { force: true });
}

async function readPidFile(file: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function keepPrevious(file: string): Promise<void> {
  const previous = file.replace(/\.(\w+)$/, ".previous.$1");
  try {
    await fsp.rename(file, previous);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/** Java's @argfile syntax: one argument per line, quoted, with backslash and quote escaped. */
function quoteForArgFile(arg: string): string {
  return `"${arg.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** POSIX shell quoting, for a command line a developer can paste. */
function quoteForShell(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
