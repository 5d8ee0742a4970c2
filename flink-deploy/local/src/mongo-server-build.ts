import { createHash } from "node:crypto";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { readCachedClasspath } from "./maven-classpath.js";
import { runMavenOfflineFirst } from "./maven.js";
import type { StackConfig } from "./stack-config.js";
import { ServiceError } from "./stack-error.js";

const NAME = "mongo-wire-server";

/**
 * The classpath of the MongoDB wire server (`local/mongo-server`): its jar and the dependencies
 * Maven copied next to it. Like a resolved classpath it is cached in `classpath/`, keyed by a hash
 * of the pom and every source file, so Maven runs only when the jar is missing or the sources changed.
 */
export async function mongoWireServerClasspath(config: StackConfig): Promise<string> {
  const project = path.join(config.packageRoot, "flink-deploy", "local", "mongo-server");
  const { classpathDir, logsDir, mongodb } = config.layout;
  const classpathFile = path.join(classpathDir, `${NAME}.classpath`);
  const hashFile = path.join(classpathDir, `${NAME}.sources-sha256`);
  const sourcesHash = await hashSources(project);
  const cached = await readCachedClasspath(classpathFile, hashFile, sourcesHash);
  if (cached !== undefined) return cached;

  config.progress(`mongodb: building ${path.relative(config.packageRoot, project)} with Maven`);
  const logFile = path.join(logsDir, `maven-${NAME}.log`);
  // A clean build: dependencies an older pom copied to lib/ must not linger on the classpath.
  await fsp.rm(mongodb.buildDir, { recursive: true, force: true });
  const failure = await runMavenOfflineFirst({
    args: ["-q", "-B", "--no-transfer-progress", "-f", path.join(project, "pom.xml"), "package", "-Dmaven.test.skip=true", `-Dtsflink.build.dir=${mongodb.buildDir}`],
    logFile,
    env: config.env,
    onlineMessage: `mongodb: building ${path.relative(config.packageRoot, project)} with Maven (downloads on first use)`,
    progress: config.progress,
  });
  if (failure !== undefined) throw new ServiceError("mongodb", `mvn could not build ${project} (${failure})`, [logFile]);

  const lib = path.join(mongodb.buildDir, "lib");
  const dependencies = (await fsp.readdir(lib)).filter((f) => f.endsWith(".jar")).sort();
  const classpath = [path.join(mongodb.buildDir, `${NAME}.jar`), ...dependencies.map((jar) => path.join(lib, jar))].join(path.delimiter);
  await fsp.mkdir(classpathDir, { recursive: true });
  await fsp.writeFile(classpathFile, `${classpath}\n`);
  await fsp.writeFile(hashFile, `${sourcesHash}\n`);
  return classpath;
}

/** A hash over the pom and every file under src/, by relative path and content. */
async function hashSources(project: string): Promise<string> {
  const files = ["pom.xml", ...(await filesUnder(project, "src"))].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`).update(await fsp.readFile(path.join(project, file))).update("\0");
  }
  return hash.digest("hex");
}

async function filesUnder(root: string, dir: string): Promise<string[]> {
  const entries = await fsp.readdir(path.join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(root, path.join(dir, e.name)) : Promise.resolve(e.isFile() ? [path.join(dir, e.name)] : []))),
  );
  return nested.flat();
}
