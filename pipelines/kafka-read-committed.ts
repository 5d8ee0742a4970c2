import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const READER = path.join(import.meta.dirname, "java", "ReadCommitted.java");

/**
 * The values of a topic as Kafka's Java consumer reads them with `read_committed` (see
 * pipelines/java/ReadCommitted.java for why not kafkajs), one string per record, in partition
 * order. `classpathFile` lists the Kafka client jars (the local stack's `kafka-broker.classpath`).
 */
export function readCommittedValues(
  classpathFile: string,
  bootstrapServers: string,
  topic: string,
  options: { readonly expected: number; readonly timeoutMs: number; readonly lingerMs: number },
): Promise<string[]> {
  if (!fs.existsSync(classpathFile)) throw new Error(`no Kafka classpath at ${classpathFile}: start the local stack (tsflink up) first`);
  const java = process.env["JAVA_HOME"] ? path.join(process.env["JAVA_HOME"], "bin", "java") : "java";
  const args = ["-Xmx256m", "-cp", fs.readFileSync(classpathFile, "utf8").trim(), READER, bootstrapServers, topic,
    String(options.expected), String(options.timeoutMs), String(options.lingerMs)];
  return new Promise((resolve, reject) => {
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString("utf8")).slice(-5_000)));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`ReadCommitted.java exited ${code}:\n${errors}`));
      resolve(Buffer.concat(chunks).toString("utf8").split("\n").filter((line) => line !== ""));
    });
  });
}
