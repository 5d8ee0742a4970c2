import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../load/package-root.js";

export const HARNESS_ENTRY_CLASS = "dev.tsflink.harness.Main";
export const TEST_KIT_ENTRY_CLASS = "dev.tsflink.harness.testkit.TestKitMain";

function newestMtime(dir: string, include: (name: string) => boolean = () => true): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "target" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, include));
    else if (include(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
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

/**
 * The classpath `TestKitMain` runs with: the harness jar, then Flink and everything else the jar
 * leaves to the cluster (`provided`). Maven lists the latter into
 * `runtime-java/harness/target/testkit.classpath`, again only when a pom is newer than that list.
 */
export function ensureTestKitClasspath(log: (line: string) => void = () => {}): string {
  const root = packageRoot();
  const list = path.join(root, "runtime-java/harness/target/testkit.classpath");
  const isPom = (name: string): boolean => name === "pom.xml";
  const poms = Math.max(newestMtime(path.join(root, "runtime-java"), isPom), newestMtime(path.join(root, "connectors"), isPom));
  if (!fs.existsSync(list) || fs.statSync(list).mtimeMs < poms) {
    log("listing the test kit's classpath (mvn dependency:build-classpath)…");
    // Within the package build, so the harness's sibling modules resolve from this checkout.
    const result = spawnSync(
      "mvn",
      ["-q", "-B", "-f", path.join(root, "runtime-java/pom.xml"), "-DskipTests", "package", "dependency:build-classpath",
        "-DincludeScope=provided", "-Dmdep.outputFile=target/testkit.classpath"],
      { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
    );
    if (result.status !== 0 || !fs.existsSync(list)) {
      throw new Error(`listing the test kit's classpath failed (mvn exit ${result.status}):\n${(result.stdout + result.stderr).slice(-4000)}`);
    }
  }
  return [ensureHarnessJar(log), fs.readFileSync(list, "utf8").trim()].join(path.delimiter);
}
