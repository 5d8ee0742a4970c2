import { execFile } from "node:child_process";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import type { OsAccount } from "./process-control.js";

/**
 * The account a server that refuses to run as root runs as: when the stack itself runs as root,
 * the system account the Debian package created (e.g. `postgres`); otherwise the caller's own
 * account, so undefined (nothing to switch to).
 */
export async function serverAccount(systemAccount: string): Promise<OsAccount | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const entry = await new Promise<string>((resolve, reject) =>
    execFile("getent", ["passwd", systemAccount], (error, stdout) =>
      error ? reject(new Error(`there is no ${systemAccount} account (getent passwd ${systemAccount} found none)`)) : resolve(stdout),
    ),
  );
  // name:password:uid:gid:gecos:home:shell
  const [, , uid, gid] = entry.trim().split(":");
  return { name: systemAccount, uid: Number(uid), gid: Number(gid) };
}

/**
 * The first directory on the way to `dir` (inclusive) that `account` may not enter, judged by the
 * permission bits alone, as the kernel does for an account without supplementary groups (a
 * spawned process drops them). Undefined when every directory lets it through.
 */
export async function firstClosedDirectory(dir: string, account: OsAccount): Promise<string | undefined> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const stats = await fsp.stat(current);
    const searchBit = stats.uid === account.uid ? 0o100 : stats.gid === account.gid ? 0o010 : 0o001;
    if ((stats.mode & searchBit) === 0) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
