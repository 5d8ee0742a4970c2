import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fsp from "node:fs/promises";
import * as path from "node:path";

/** The JVM flags and the matching dynamic properties for one Flink process, as Flink computes them. */
export interface FlinkProcessMemory {
  /** `-Xmx`, `-Xms`, `-XX:MaxMetaspaceSize` and, for a TaskManager, `-XX:MaxDirectMemorySize`. */
  readonly jvmOptions: readonly string[];
  /** `-D key=value` pairs pinning every memory component, passed after `--configDir`. */
  readonly dynamicProperties: readonly string[];
}

export type FlinkProcessKind = "jobmanager" | "taskmanager";

const COMMANDS: Record<FlinkProcessKind, string> = {
  jobmanager: "GET_JM_RESOURCE_PARAMS",
  taskmanager: "GET_TM_RESOURCE_PARAMS",
};

const RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

/**
 * Asks Flink's BashJavaUtils, exactly as `jobmanager.sh` and `taskmanager.sh` do, to derive the
 * memory model from config.yaml. Computing the sizes here instead would drift from Flink's own
 * arithmetic, and a TaskManager whose JVM flags disagree with its configuration refuses to start.
 *
 * The answer depends only on config.yaml and the Flink jars, so it is kept in the configuration
 * directory and reused while both are unchanged: that saves a JVM start per process on every `up`.
 */
export async function flinkProcessMemory(kind: FlinkProcessKind, classpath: string, confDir: string): Promise<FlinkProcessMemory> {
  const cacheFile = path.join(confDir, `${kind}-memory.json`);
  const key = createHash("sha256")
    .update(await fsp.readFile(path.join(confDir, "config.yaml")))
    .update(classpath)
    .digest("hex");
  try {
    const cached = JSON.parse(await fsp.readFile(cacheFile, "utf8")) as { key?: string } & FlinkProcessMemory;
    if (cached.key === key) return { jvmOptions: cached.jvmOptions, dynamicProperties: cached.dynamicProperties };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT" && !(e instanceof SyntaxError)) throw e;
  }
  const memory = await askBashJavaUtils(kind, classpath, confDir);
  await fsp.writeFile(cacheFile, `${JSON.stringify({ key, ...memory }, null, 2)}\n`);
  return memory;
}

function askBashJavaUtils(kind: FlinkProcessKind, classpath: string, confDir: string): Promise<FlinkProcessMemory> {
  const args = ["-Xmx64m", "-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils", COMMANDS[kind], "--configDir", confDir];
  return new Promise((resolve, reject) => {
    execFile("java", args, { maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const results = stdout
        .split("\n")
        .filter((line) => line.startsWith(RESULT_PREFIX))
        .map((line) => line.slice(RESULT_PREFIX.length).trim());
      const [jvmLine, dynamicLine] = results;
      if (error || results.length !== 2 || jvmLine === undefined || dynamicLine === undefined) {
        const output = `${stdout}${stderr}`.trim().split("\n").slice(-10).join("\n");
        reject(new Error(`Flink's BashJavaUtils ${COMMANDS[kind]} could not size the ${kind}: ${error?.message ?? "unexpected output"}\n${output}`));
        return;
      }
      resolve({ jvmOptions: splitWords(jvmLine), dynamicProperties: splitWords(dynamicLine) });
    });
  });
}

function splitWords(line: string): string[] {
  return line.split(/\s+/).filter((w) => w.length > 0);
}
