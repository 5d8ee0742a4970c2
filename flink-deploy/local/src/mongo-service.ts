import * as fsp from "node:fs/promises";
import * as path from "node:path";
import { MongoClient } from "mongodb";
import type { LocalService, Probe } from "./local-service.js";
import { managedProcess, type ManagedProcess } from "./managed-process.js";
import { mongoWireServerClasspath } from "./mongo-server-build.js";
import { LOOPBACK } from "./ports.js";
import type { StackConfig } from "./stack-config.js";
import { describeError, hidePasswords } from "./stack-error.js";

export type MongoEndpoint = { readonly uri: string };

const SERVER = "mongodb";

/**
 * A MongoDB wire-protocol server: mongo-java-server with its H2 backend, in one small JVM
 * (`local/mongo-server`). No real mongod can be installed on these machines; anything that must
 * also hold against a real MongoDB is tested with MONGODB_URI pointing at one.
 */
export const mongoService: LocalService<"mongodb", MongoEndpoint> = {
  name: "mongodb",

  locate(config) {
    const uri = config.env["MONGODB_URI"];
    if (uri) return { endpoint: { uri }, envVar: "MONGODB_URI" };
    return { endpoint: { uri: `mongodb://${LOOPBACK}:${config.ports.mongodb.server.port}` } };
  },

  clientEnvironment: (endpoint) => ({ MONGODB_URI: endpoint.uri }),

  processes: mongoProcesses,

  async prepare(config) {
    const classpath = await mongoWireServerClasspath(config);
    const [server] = mongoProcesses(config);
    if (server === undefined) throw new Error("mongodb has no server process");
    const { dataFile } = config.layout.mongodb;
    await fsp.mkdir(path.dirname(dataFile), { recursive: true });
    return new Map([
      [
        server.role,
        {
          jvmOptions: [
            "-Xms64m",
            // The wire server keeps its H2 store's cache and each bulk write's documents on the heap:
            // 256 MB ran out with two 200,000-document collections from the sink benchmark.
            "-Xmx768m",
            // Netty's buffers live outside the heap.
            "-XX:MaxDirectMemorySize=128m",
            "-XX:MaxMetaspaceSize=128m",
            // One GC thread and no concurrent phases: the machine's two cores belong to Flink and Kafka.
            "-XX:+UseSerialGC",
            `-Dorg.slf4j.simpleLogger.logFile=${server.log}`,
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss,SSS",
          ],
          classpath,
          mainClass: "dev.tsflink.localstack.MongoWireServer",
          args: ["--port", String(config.ports.mongodb.server.port), "--data", dataFile],
        },
      ],
    ]);
  },

  probe: probePing,
};

function mongoProcesses(config: StackConfig): ManagedProcess[] {
  return [managedProcess(config.layout, SERVER, [config.ports.mongodb.server])];
}

/** Healthy when the server answers the `ping` command; the detail names the version it reports. */
async function probePing(endpoint: MongoEndpoint): Promise<Probe> {
  const client = new MongoClient(endpoint.uri, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000, socketTimeoutMS: 5000 });
  try {
    const admin = client.db("admin");
    const ping = await admin.command({ ping: 1 });
    if (ping["ok"] !== 1) return { healthy: false, reason: `ping answered ${JSON.stringify(ping)}` };
    const buildInfo = await admin.command({ buildInfo: 1 });
    return { healthy: true, detail: `MongoDB ${String(buildInfo["version"])}` };
  } catch (e) {
    return { healthy: false, reason: `ping to ${hidePasswords(endpoint.uri)} failed: ${hidePasswords(describeError(e))}` };
  } finally {
    await client.close().catch(() => undefined);
  }
}
