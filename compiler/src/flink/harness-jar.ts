import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../load/package-root.js";

export const HARNESS_ENTRY_CLASS = "dev.tsflink.harness.Main";

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "target" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The path of the harness jar, built with Maven first when it is missing or older than any Java
 * source or pom, so every command works on a fresh clone and costs nothing when up to date.
 */
export function ensureHarnessJar(log: (line: string) => void = () => {}): string {
  const root = packageRoot();
  const jar = path.join(root, "runtime-java/harness/target/tsflink-harness.jar");
  const sources = Math.max(newestMtime(path.join(root, "runtime-java")), newestMtime(path.join(root, "connectors")));
  if (fs.existsSync(jar) && fs.statSync(jar).mtimeMs >= sources) return jar;
  log("building the Java harness (mvn package)…");
  const result = spawnSync("mvn", ["-q", "-B", "-f", path.join(root, "runtime-java/pom.xml"), "-DskipTests", "package"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0 || !fs.existsSync(jar)) {
    throw new Error(`building the harness jar failed (mvn exit ${result.status}):\n${(result.stdout + result.stderr).slice(-4000)}`);
  }
  fs.utimesSync(jar, new Date(), new Date());
  return jar;
}
