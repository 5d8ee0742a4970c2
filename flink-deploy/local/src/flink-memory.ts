import { execFile } from "node:child_process";

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
 */
export function flinkProcessMemory(kind: FlinkProcessKind, classpath: string, confDir: string): Promise<FlinkProcessMemory> {
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
