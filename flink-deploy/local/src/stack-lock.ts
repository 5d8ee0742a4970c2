import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { commandLine } from "./process-control.js";

/** Long enough for another caller's cold `up`, which downloads the classpaths first. */
const LOCK_TIMEOUT_MS = 30 * 60_000;
/** A lock file younger than this may still be waiting for its owner to write the pid. */
const UNWRITTEN_LOCK_GRACE_MS = 5_000;

/**
 * Runs `action` while holding the state directory's lock file, so that an `up` and a `down` (or
 * two test runs sharing a state directory) never launch and stop the same processes at once.
 * A lock left behind by a process that no longer runs is taken over.
 */
export async function withStackLock<T>(lockFile: string, progress: (message: string) => void, action: () => Promise<T>): Promise<T> {
  await fsp.mkdir(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      await fsp.writeFile(lockFile, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = await lockHolder(lockFile);
    if (holder === "released") continue;
    if (holder === "abandoned") {
      await fsp.rm(lockFile, { force: true });
      continue;
    }
    const who = holder === "unwritten" ? "another process" : `pid ${holder}`;
    if (Date.now() > deadline) {
      throw new Error(`local stack: ${lockFile} is still held by ${who}; if no tsflink up/down is running, delete the file`);
    }
    if (!announced) progress(`local stack: waiting for another up/down (${who}) to finish`);
    announced = true;
    await sleep(250);
  }
  try {
    return await action();
  } finally {
    await fsp.rm(lockFile, { force: true });
  }
}

/** The pid holding the lock, or what to do about a lock without a live holder. */
async function lockHolder(lockFile: string): Promise<number | "unwritten" | "abandoned" | "released"> {
  let text: string;
  let age: number;
  try {
    [text, age] = await Promise.all([fsp.readFile(lockFile, "utf8"), fsp.stat(lockFile).then((s) => Date.now() - s.mtimeMs)]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "released";
    throw e;
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return age > UNWRITTEN_LOCK_GRACE_MS ? "abandoned" : "unwritten";
  return (await commandLine(pid)) === undefined ? "abandoned" : pid;
}
