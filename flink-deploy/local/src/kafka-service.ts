import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import kafkajs from "kafkajs";
import { brokerLog4j, kafkaServerProperties, renderProperties, toolsLog4j } from "./kafka-config.js";
import type { LocalService, Probe } from "./local-service.js";
import { managedProcess, type ManagedProcess } from "./managed-process.js";
import { resolveClasspath } from "./maven-classpath.js";
import { LOOPBACK } from "./ports.js";
import { runLogged } from "./process-control.js";
import type { StackConfig } from "./stack-config.js";
import { describeError, ServiceError } from "./stack-error.js";

export type KafkaEndpoint = { readonly bootstrapServers: string };

const { Kafka, logLevel } = kafkajs;

const BROKER = "kafka";

/**
 * The broker's jars (Kafka's own clients among them) from `maven/kafka-broker/pom.xml`, resolved
 * once and cached in the state directory; also what pipelines/kafka-io.ts reads topics back with.
 */
export function kafkaBrokerClasspath(config: StackConfig): Promise<string> {
  return resolveClasspath({
    service: "kafka",
    name: "kafka-broker",
    pom: path.join(config.packageRoot, "flink-deploy", "local", "maven", "kafka-broker", "pom.xml"),
    cacheDir: config.layout.classpathDir,
    logFile: path.join(config.layout.logsDir, "maven-kafka-broker.log"),
    env: config.env,
    progress: config.progress,
  });
}

/** A Kafka broker in KRaft mode: one JVM that is both broker and controller. */
export const kafkaService: LocalService<"kafka", KafkaEndpoint> = {
  name: "kafka",

  locate(config) {
    const servers = config.env["KAFKA_BOOTSTRAP_SERVERS"];
    if (servers) return { endpoint: { bootstrapServers: servers }, envVar: "KAFKA_BOOTSTRAP_SERVERS" };
    return { endpoint: { bootstrapServers: `${LOOPBACK}:${config.ports.kafka.broker.port}` } };
  },

  clientEnvironment: (endpoint) => ({ KAFKA_BOOTSTRAP_SERVERS: endpoint.bootstrapServers }),

  processes: kafkaProcesses,

  async prepare(config) {
    const { layout } = config;
    const classpath = await kafkaBrokerClasspath(config);
    const files = confFiles(config);
    await fsp.mkdir(layout.kafka.confDir, { recursive: true });
    await Promise.all([
      fsp.writeFile(files.server, renderProperties(kafkaServerProperties(config))),
      fsp.writeFile(files.brokerLog4j, renderProperties(brokerLog4j())),
      fsp.writeFile(files.toolsLog4j, renderProperties(toolsLog4j())),
    ]);
    await formatStorageOnce(config, classpath);

    const [broker] = kafkaProcesses(config);
    if (broker === undefined) throw new Error("kafka has no broker process");
    return new Map([
      [
        broker.role,
        {
          jvmOptions: [
            "-Xms512m",
            "-Xmx1g",
            // The GC settings of Kafka's own start script (kafka-run-class.sh).
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true",
            `-Dlog4j.configuration=file:${files.brokerLog4j}`,
            `-Dkafka.log.file=${broker.log}`,
          ],
          classpath,
          mainClass: "kafka.Kafka",
          args: [files.server],
        },
      ],
    ]);
  },

  probe: probeMetadata,
};

function kafkaProcesses(config: StackConfig): ManagedProcess[] {
  const { broker, controller } = config.ports.kafka;
  return [managedProcess(config.layout, BROKER, [broker, controller])];
}

function confFiles(config: StackConfig) {
  const dir = config.layout.kafka.confDir;
  return {
    server: path.join(dir, "server.properties"),
    brokerLog4j: path.join(dir, "log4j.properties"),
    toolsLog4j: path.join(dir, "tools-log4j.properties"),
  };
}

/**
 * KRaft refuses to start on unformatted storage. Formatting writes meta.properties with a new
 * cluster id, so it runs only when there is none: formatting again would orphan the existing data.
 */
async function formatStorageOnce(config: StackConfig, classpath: string): Promise<void> {
  const { dataDir } = config.layout.kafka;
  if (fs.existsSync(path.join(dataDir, "meta.properties"))) return;
  config.progress("kafka: formatting the KRaft storage (first start)");
  await fsp.mkdir(dataDir, { recursive: true });
  const files = confFiles(config);
  const logFile = path.join(config.layout.logsDir, "kafka-storage-format.log");
  const failure = await runLogged({
    command: "java",
    args: [
      "-Xmx256m",
      `-Dlog4j.configuration=file:${files.toolsLog4j}`,
      "-cp",
      classpath,
      "kafka.tools.StorageTool",
      "format",
      "--cluster-id",
      newClusterId(),
      "--config",
      files.server,
    ],
    env: config.env,
    logFile,
    timeoutMs: 120_000,
  });
  if (failure !== undefined) throw new ServiceError("kafka", `formatting the storage in ${dataDir} failed (${failure})`, [logFile]);
}

/**
 * A Kafka cluster id: 16 random bytes in unpadded URL-safe base64, as `kafka-storage random-uuid`
 * prints. One starting with "-" would be read as an option by the tool, so those are drawn again.
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

/** Healthy when the broker answers a metadata request, the first thing every client sends. */
async function probeMetadata(endpoint: KafkaEndpoint): Promise<Probe> {
  const admin = new Kafka({
    clientId: "tsflink-local-stack",
    brokers: endpoint.bootstrapServers.split(",").map((s) => s.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    // The stack polls on its own; kafkajs's retries would only stretch one probe to half a minute.
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return { healthy: false, reason: "the metadata lists no brokers" };
    return { healthy: true, detail: `${cluster.brokers.length} broker${cluster.brokers.length === 1 ? "" : "s"}, cluster id ${cluster.clusterId}` };
  } catch (e) {
    return { healthy: false, reason: `metadata request to ${endpoint.bootstrapServers} failed: ${describeError(e)}` };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
