import * as fsp from "node:fs/promises";
import { Redis } from "ioredis";
import { ensureDebianPackage, findOnPath } from "./debian-packages.js";
import type { LocalService, Probe } from "./local-service.js";
import { managedProcess, type ManagedProcess } from "./managed-process.js";
import { LOOPBACK } from "./ports.js";
import { redisSettings, renderRedisConf } from "./redis-config.js";
import type { StackConfig } from "./stack-config.js";
import { describeError, hidePasswords } from "./stack-error.js";

export type RedisEndpoint = { readonly url: string };

const SERVER = "redis";

/** Redis from Debian's `redis-server` package, run on the stack's own configuration and data directory. */
export const redisService: LocalService<"redis", RedisEndpoint> = {
  name: "redis",

  locate(config) {
    const url = config.env["REDIS_URL"];
    if (url) return { endpoint: { url }, envVar: "REDIS_URL" };
    return { endpoint: { url: `redis://${LOOPBACK}:${config.ports.redis.server.port}` } };
  },

  clientEnvironment: (endpoint) => ({ REDIS_URL: endpoint.url }),

  processes: redisProcesses,

  async prepare(config) {
    const executable = await ensureDebianPackage(
      { service: "redis", name: "redis-server", find: async () => findOnPath("redis-server", config.env) },
      config,
    );
    const [server] = redisProcesses(config);
    if (server === undefined) throw new Error("redis has no server process");
    const { confFile, dataDir } = config.layout.redis;
    await fsp.mkdir(dataDir, { recursive: true });
    await fsp.writeFile(confFile, renderRedisConf(redisSettings(config, server.log)));
    // The configuration file is the only argument, and it is the marker (see redisProcesses).
    return new Map([[server.role, { executable, args: [] }]]);
  },

  probe: probePing,
};

function redisProcesses(config: StackConfig): ManagedProcess[] {
  // redis-server takes the configuration file first and no arguments of its own making, so the
  // file's path, which names the state directory, is what identifies the process.
  return [managedProcess(config.layout, SERVER, [config.ports.redis.server], { markers: [config.layout.redis.confFile] })];
}

/** Healthy when PING answers PONG: a server still loading its append-only file answers LOADING instead. */
async function probePing(endpoint: RedisEndpoint): Promise<Probe> {
  const client = new Redis(endpoint.url, {
    lazyConnect: true,
    connectTimeout: 3000,
    commandTimeout: 5000,
    // The stack polls on its own; ioredis's reconnects and retries would only stretch one probe.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  // ioredis reports a failed connection as an "error" event too; unheard, it is printed to stderr.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== "PONG") return { healthy: false, reason: `PING answered ${pong}` };
    const version = /^redis_version:(\S+)/m.exec(await client.info("server"))?.[1] ?? "of unknown version";
    return { healthy: true, detail: `Redis ${version}` };
  } catch (e) {
    return { healthy: false, reason: `PING to ${hidePasswords(endpoint.url)} failed: ${describeError(e)}` };
  } finally {
    client.disconnect();
  }
}
