import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { runMavenOfflineFirst } from "./maven.js";
import { ServiceError } from "./stack-error.js";

export interface ClasspathRequest {
  /** The service the classpath is for, named in errors. */
  readonly service: string;
  /** Names the cache files, e.g. "flink-cluster" → `flink-cluster.classpath`. */
  readonly name: string;
  readonly pom: string;
  readonly cacheDir: string;
  /** Maven's output goes here, appended. */
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly progress: (message: string) => void;
}

/**
 * The plugin version is pinned: Maven 3.8 would otherwise pick dependency plugin 2.8, and a
 * prefix lookup would consult remote plugin metadata on every run.
 */
const BUILD_CLASSPATH_GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

/**
 * The classpath of `pom`, from the cache in the state directory when it was resolved from the same
 * pom and every jar is still in the local Maven repository, otherwise from `mvn`.
 */
export async function resolveClasspath(request: ClasspathRequest): Promise<string> {
  const classpathFile = path.join(request.cacheDir, `${request.name}.classpath`);
  const hashFile = path.join(request.cacheDir, `${request.name}.pom-sha256`);
  const pomHash = createHash("sha256").update(await fsp.readFile(request.pom)).digest("hex");
  const cached = await readCachedClasspath(classpathFile, hashFile, pomHash);
  if (cached !== undefined) return cached;

  const classpath = await resolveWithMaven(request, classpathFile);
  await fsp.writeFile(hashFile, `${pomHash}\n`);
  return classpath;
}

/** The classpath in `classpathFile` if `hashFile` holds `inputHash` (of what it was made from) and every jar still exists. */
export async function readCachedClasspath(classpathFile: string, hashFile: string, inputHash: string): Promise<string | undefined> {
  try {
    const [hash, classpath] = await Promise.all([fsp.readFile(hashFile, "utf8"), fsp.readFile(classpathFile, "utf8")]);
    const jars = classpath.trim().split(path.delimiter);
    return hash.trim() === inputHash && jars.every((jar) => fs.existsSync(jar)) ? classpath.trim() : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function resolveWithMaven(request: ClasspathRequest, classpathFile: string): Promise<string> {
  await fsp.mkdir(request.cacheDir, { recursive: true });
  const partial = `${classpathFile}.partial`;
  const failure = await runMavenOfflineFirst({
    args: ["-B", "--no-transfer-progress", "-f", request.pom, BUILD_CLASSPATH_GOAL, `-Dmdep.outputFile=${partial}`],
    logFile: request.logFile,
    env: request.env,
    onlineMessage: `${request.service}: resolving ${path.basename(path.dirname(request.pom))} with Maven (downloads on first use)`,
    progress: request.progress,
  });
  if (failure !== undefined) {
    throw new ServiceError(request.service, `mvn could not resolve the classpath of ${request.pom} (${failure})`, [request.logFile]);
  }
  await fsp.rename(partial, classpathFile);
  return (await fsp.readFile(classpathFile, "utf8")).trim();
}
