import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { runLogged } from "./process-control.js";
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

/** A cold resolution downloads a few hundred MB; after this long something is wrong with the network. */
const MAVEN_TIMEOUT_MS = 20 * 60_000;

/**
 * One downloading Maven at a time: two processes fetching the same artifact into the local
 * repository can corrupt it. Offline runs only read it, so they need no turn.
 */
let downloadQueue: Promise<unknown> = Promise.resolve();

/**
 * The classpath of `pom`, from the cache in the state directory when it was resolved from the same
 * pom and every jar is still in the local Maven repository, otherwise from `mvn`.
 */
export async function resolveClasspath(request: ClasspathRequest): Promise<string> {
  const classpathFile = path.join(request.cacheDir, `${request.name}.classpath`);
  const hashFile = path.join(request.cacheDir, `${request.name}.pom-sha256`);
  const pomHash = createHash("sha256").update(await fsp.readFile(request.pom)).digest("hex");
  const cached = await readCache(classpathFile, hashFile, pomHash);
  if (cached !== undefined) return cached;

  const classpath = await resolveWithMaven(request, classpathFile);
  await fsp.writeFile(hashFile, `${pomHash}\n`);
  return classpath;
}

async function readCache(classpathFile: string, hashFile: string, pomHash: string): Promise<string | undefined> {
  try {
    const [hash, classpath] = await Promise.all([fsp.readFile(hashFile, "utf8"), fsp.readFile(classpathFile, "utf8")]);
    const jars = classpath.trim().split(path.delimiter);
    return hash.trim() === pomHash && jars.every((jar) => fs.existsSync(jar)) ? classpath.trim() : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function resolveWithMaven(request: ClasspathRequest, classpathFile: string): Promise<string> {
  await fsp.mkdir(request.cacheDir, { recursive: true });
  const partial = `${classpathFile}.partial`;
  const args = ["-B", "--no-transfer-progress", "-f", request.pom, BUILD_CLASSPATH_GOAL, `-Dmdep.outputFile=${partial}`];
  // Offline succeeds exactly when every artifact is already in the local repository, and then
  // skips all network checks; only when it fails is the network needed.
  let failure = await runMaven([...args, "--offline"], request);
  if (failure !== undefined) {
    const online = downloadQueue.then(() => {
      request.progress(`${request.service}: resolving ${path.basename(path.dirname(request.pom))} with Maven (downloads on first use)`);
      return runMaven(args, request);
    });
    downloadQueue = online.catch(() => undefined);
    failure = await online;
  }
  if (failure !== undefined) {
    throw new ServiceError(request.service, `mvn could not resolve the classpath of ${request.pom} (${failure})`, [request.logFile]);
  }
  await fsp.rename(partial, classpathFile);
  return (await fsp.readFile(classpathFile, "utf8")).trim();
}

function runMaven(args: readonly string[], request: ClasspathRequest): Promise<string | undefined> {
  const mavenOpts = request.env["MAVEN_OPTS"] ?? "";
  return runLogged({
    command: "mvn",
    args,
    // Maven is a JVM too; without a limit it takes a quarter of the machine's memory.
    env: { ...request.env, MAVEN_OPTS: mavenOpts.includes("-Xmx") ? mavenOpts : `${mavenOpts} -Xmx512m`.trim() },
    logFile: request.logFile,
    timeoutMs: MAVEN_TIMEOUT_MS,
  });
}
