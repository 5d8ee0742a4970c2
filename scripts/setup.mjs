// Brings a fresh clone to a runnable state, and does nothing when it already is: npm packages,
// the TypeScript build, a JDK and Maven. Uses Node built-ins only, because it runs before
// `npm install` has.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status}`);
  }
  return result;
}

function has(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function mtime(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

function newestSource(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (["node_modules", "dist", "target", "test"].includes(entry.name) || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? mtime(full) : 0);
  }
  return newest;
}

/** A JDK 17 and Maven from Debian's packages when the machine lacks them. */
export function ensureJava() {
  if (has("java") && has("mvn")) return;
  console.log("setup: installing a JDK and Maven (apt-get)…");
  run("apt-get", ["update", "-q"]);
  run("apt-get", ["install", "-y", "-q", "openjdk-17-jdk-headless", "maven"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

export function ensureNodePackages() {
  const marker = path.join(root, "node_modules/.package-lock.json");
  if (mtime(marker) >= mtime(path.join(root, "package-lock.json")) && fs.existsSync(path.join(root, "node_modules/ts-morph"))) return;
  console.log("setup: installing npm packages…");
  run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"]);
}

export function ensureTypeScriptBuild() {
  const built = mtime(path.join(root, "dist/.tsbuildinfo"));
  const sources = Math.max(
    ...["compiler/src", "connectors", "flink-deploy/local/src", "services", "pipelines"].map((d) => newestSource(path.join(root, d))),
    mtime(path.join(root, "tsconfig.json")),
  );
  if (built >= sources && built > 0) return;
  console.log("setup: building TypeScript (tsc -b)…");
  run(path.join(root, "node_modules/.bin/tsc"), ["-b"]);
  // tsc -b leaves its build info untouched when no output changed; mark the check as satisfied.
  const now = new Date();
  fs.utimesSync(path.join(root, "dist/.tsbuildinfo"), now, now);
}

export function ensureAll() {
  ensureNodePackages();
  ensureTypeScriptBuild();
  ensureJava();
}
