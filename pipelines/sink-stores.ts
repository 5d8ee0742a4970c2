import { Redis } from "ioredis";
import { MongoClient } from "mongodb";
import pg from "pg";

/**
 * Clients for the three databases the exactly-once sinks write, shared by the demo, the failure
 * tests and the benchmark: start a run from nothing, and read back what a run left.
 */
export interface SinkStores {
  readonly pg: pg.Client;
  readonly mongo: MongoClient;
  readonly redis: Redis;
  close(): Promise<void>;
}

export interface StoreUrls {
  readonly pgUrl: string;
  readonly mongoUri: string;
  readonly redisUrl: string;
}

export async function connectStores(urls: StoreUrls): Promise<SinkStores> {
  const client = new pg.Client({ connectionString: urls.pgUrl });
  await client.connect();
  const mongo = new MongoClient(urls.mongoUri, { serverSelectionTimeoutMS: 10_000 });
  await mongo.connect();
  const redis = new Redis(urls.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 20 });
  await redis.connect();
  return {
    pg: client,
    mongo,
    redis,
    async close() {
      await Promise.allSettled([client.end(), mongo.close(), redis.quit()]);
    },
  };
}

/** The database the sinks write in MongoDB: the URI's path, else `tsflink` (compiler/schema/README.md). */
export function mongoDatabase(mongoUri: string): string {
  const name = new URL(mongoUri).pathname.replace(/^\//, "");
  return name === "" ? "tsflink" : decodeURIComponent(name);
}

/**
 * Forgets everything earlier runs of the sinks `sinkIds` left: their tables, collections and
 * Redis keys, and their exactly-once fences. A new job numbers its checkpoints from 1 again, so a
 * fence left at checkpoint 40 by an earlier job would skip the new job's first 40 commits.
 */
export async function resetSinks(
  stores: SinkStores,
  mongoUri: string,
  what: { readonly sinkIds: readonly string[]; readonly tables: readonly string[]; readonly collections: readonly string[]; readonly redisKeyPattern?: string },
): Promise<void> {
  for (const table of what.tables) await stores.pg.query(`drop table if exists ${table.split(".").map((p) => pg.escapeIdentifier(p)).join(".")}`);
  const progress = await stores.pg.query("select to_regclass('tsflink_sink_progress')::text as t");
  if (progress.rows[0]?.t) {
    for (const id of what.sinkIds) await stores.pg.query("delete from tsflink_sink_progress where position($1 in sink) > 0", [id]);
  }
  const db = stores.mongo.db(mongoDatabase(mongoUri));
  for (const collection of what.collections) await db.collection(collection).drop().catch(() => undefined);
  for (const id of what.sinkIds) {
    await db.collection("tsflink_sink_progress").deleteMany({ _id: { $regex: escapeRegExp(id) } } as never);
  }
  const patterns = [...(what.redisKeyPattern ? [what.redisKeyPattern] : []), ...what.sinkIds.map((id) => `tsflink:*${globEscape(id)}*`)];
  for (const pattern of patterns) {
    for (const keys of await scanAll(stores.redis, pattern)) if (keys.length > 0) await stores.redis.del(...keys);
  }
}

/** Every key matching `pattern`, in chunks of at most 1,000 (a `DEL` of 100,000 keys at once blocks Redis). */
export async function scanAll(redis: Redis, pattern: string): Promise<string[][]> {
  const chunks: string[][] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) chunks.push(keys);
  } while (cursor !== "0");
  return chunks;
}

/** Every Redis hash under `pattern`, by key. */
export async function readHashes(redis: Redis, pattern: string): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const keys of await scanAll(redis, pattern)) {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const results = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const [error, value] = results[i] ?? [new Error("no reply"), undefined];
      if (error) throw error;
      out.set(key, value as Record<string, string>);
    });
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}
