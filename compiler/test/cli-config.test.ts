import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/settings.js";

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "compiler/bin/tsflink.mjs");
const dirs: string[] = [];

/** A project directory holding only the given tsflink.config.ts (plain TypeScript, no imports). */
function project(config: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-config-"));
  dirs.push(dir);
  if (config !== undefined) fs.writeFileSync(path.join(dir, "tsflink.config.ts"), config);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const TWO_PROFILES = `
const base = { parallelism: 2 as number };
export default {
  defaultProfile: "local",
  profiles: {
    local: { ...base, savepointDir: "file:///tmp/sp-local" },
    prod: { flinkRestUrl: "http://flink.prod:8081", kafkaBootstrapServers: "kafka.prod:9092", parallelism: 8,
            pgUrl: "postgres://app:hunter2@pg.prod:5432/app", checkpointDir: "s3://b/cp" },
  },
};
`;
const LOCAL_STACK = { TSFLINK_HOME: path.join(os.tmpdir(), "tsflink-config-home") };

describe("resolveConfig: flags > environment > profile > defaults", () => {
  it("takes the default profile, and the local stack for what it leaves out", async () => {
    const c = await resolveConfig({ cwd: project(TWO_PROFILES), env: LOCAL_STACK });
    expect(c.profile).toEqual({ name: "local", chosenBy: "defaultProfile" });
    expect(c.settings.parallelism).toEqual({ value: 2, source: { kind: "profile", profile: "local", file: "tsflink.config.ts" } });
    expect(c.settings.savepointDir.value).toBe("file:///tmp/sp-local");
    expect(c.settings.flinkRestUrl).toEqual({ value: "http://127.0.0.1:8081", source: { kind: "default", what: "local stack" } });
    expect(c.settings.kafkaBootstrapServers.value).toBe("127.0.0.1:9092");
    expect(c.settings.checkpointDir).toEqual({ value: undefined, source: { kind: "default", what: "cluster default" } });
  });

  it("lets the environment beat the profile and a flag beat the environment", async () => {
    const cwd = project(TWO_PROFILES);
    const env = { ...LOCAL_STACK, TSFLINK_PROFILE: "prod", FLINK_REST_URL: "http://from-env:8081", TSFLINK_PARALLELISM: "3" };
    const c = await resolveConfig({ cwd, env, flags: { parallelism: 5 } });
    expect(c.profile).toEqual({ name: "prod", chosenBy: "TSFLINK_PROFILE" });
    expect(c.settings.flinkRestUrl).toEqual({ value: "http://from-env:8081", source: { kind: "environment", variable: "FLINK_REST_URL" } });
    expect(c.settings.parallelism).toEqual({ value: 5, source: { kind: "flag", flag: "--parallelism" } });
    expect(c.settings.kafkaBootstrapServers.value).toBe("kafka.prod:9092");
    expect(c.settings.checkpointDir.value).toBe("s3://b/cp");
    const flagged = await resolveConfig({ cwd, env, profile: "local", flags: { flinkRestUrl: "http://from-flag:1" } });
    expect(flagged.profile).toEqual({ name: "local", chosenBy: "--profile" });
    expect(flagged.settings.flinkRestUrl.source).toEqual({ kind: "flag", flag: "--flink-url" });
    expect(flagged.settings.parallelism).toEqual({ value: 3, source: { kind: "environment", variable: "TSFLINK_PARALLELISM" } });
  });

  it("without a config file uses the environment and the local stack", async () => {
    const c = await resolveConfig({ cwd: project(undefined), env: { ...LOCAL_STACK, REDIS_URL: "redis://r:1" } });
    expect(c.file).toBeUndefined();
    expect(c.profile).toBeUndefined();
    expect(c.settings.redisUrl.source).toEqual({ kind: "environment", variable: "REDIS_URL" });
    expect(c.settings.mongodbUri.value).toBe("mongodb://127.0.0.1:27117");
  });

  it("refuses what it cannot use, saying what is wrong", async () => {
    const cwd = project(TWO_PROFILES);
    await expect(resolveConfig({ cwd, env: LOCAL_STACK, profile: "staging" })).rejects.toThrow(
      "--profile names profile 'staging', which tsflink.config.ts does not define (it has local, prod)",
    );
    await expect(resolveConfig({ cwd: project(undefined), env: { ...LOCAL_STACK, TSFLINK_PROFILE: "prod" } })).rejects.toThrow(
      "TSFLINK_PROFILE names profile 'prod', but there is no tsflink.config.ts in this directory or above it",
    );
    await expect(resolveConfig({ cwd, env: { ...LOCAL_STACK, TSFLINK_PARALLELISM: "two" } })).rejects.toThrow("TSFLINK_PARALLELISM=two is not a positive integer");
    const bad = project(`export default { defaultProfile: "qa", profiles: { local: { flinkUrl: "x", parallelism: 0 } } };`);
    await expect(resolveConfig({ cwd: bad, env: LOCAL_STACK })).rejects.toThrow(
      /tsflink\.config\.ts: profiles\.local must NOT have additional properties 'flinkUrl'; profiles\.local\.parallelism must be >= 1$/,
    );
    const noDefault = project(`const config = { profiles: {} };`);
    await expect(resolveConfig({ cwd: noDefault, env: LOCAL_STACK })).rejects.toThrow("tsflink.config.ts has no default export");
  });
});

describe("tsflink config", () => {
  // The expectations name the local stack's default ports, so a stack the test run itself moved
  // (TSFLINK_*_PORT) must not leak into the CLI's environment.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^TSFLINK_\w+_PORT$/.test(name)));
  const tsflink = (args: string[], env: Record<string, string>, cwd = root) =>
    spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...inherited, ...LOCAL_STACK, ...env } });

  it("prints every value with its source and masks passwords", () => {
    const cwd = project(TWO_PROFILES);
    const r = tsflink(["config", "--profile", "prod", "--flink-url", "http://cli:8081", "--json"], { PG_URL: "" }, cwd);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toEqual({
      file: fs.realpathSync(path.join(cwd, "tsflink.config.ts")),
      profile: "prod",
      profileChosenBy: "--profile",
      settings: {
        flinkRestUrl: { value: "http://cli:8081", source: "the --flink-url option", variable: "FLINK_REST_URL" },
        kafkaBootstrapServers: { value: "kafka.prod:9092", source: "profile 'prod' in tsflink.config.ts", variable: "KAFKA_BOOTSTRAP_SERVERS" },
        pgUrl: { value: "postgres://app:***@pg.prod:5432/app", source: "profile 'prod' in tsflink.config.ts", variable: "PG_URL" },
        mongodbUri: { value: "mongodb://127.0.0.1:27117", source: "the local stack", variable: "MONGODB_URI" },
        redisUrl: { value: "redis://127.0.0.1:16379", source: "the local stack", variable: "REDIS_URL" },
        parallelism: { value: 8, source: "profile 'prod' in tsflink.config.ts", variable: "TSFLINK_PARALLELISM" },
        checkpointDir: { value: "s3://b/cp", source: "profile 'prod' in tsflink.config.ts", variable: "TSFLINK_CHECKPOINT_DIR" },
        savepointDir: { value: null, source: "the cluster's default", variable: "TSFLINK_SAVEPOINT_DIR" },
      },
    });
    expect(r.stdout).not.toContain("hunter2");
    const human = tsflink(["config"], { PG_URL: "postgres://u:s3cret@db:5432/x" }, cwd);
    expect(human.status).toBe(0);
    expect(human.stdout).not.toContain("s3cret");
    expect(human.stdout.split("\n")[0]).toBe(`config file ${fs.realpathSync(path.join(cwd, "tsflink.config.ts"))}; profile local (chosen by defaultProfile)`);
    expect(human.stdout).toMatch(/\n  pgUrl +postgres:\/\/u:\*\*\*@db:5432\/x +the PG_URL variable\n/);
  });

  it("reads the project's own tsflink.config.ts, which imports defineConfig from tsflink", () => {
    const r = tsflink(["config", "--profile", "prod", "--json"], { FLINK_REST_URL: "", KAFKA_BOOTSTRAP_SERVERS: "", TSFLINK_PROFILE: "" });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.settings.flinkRestUrl).toEqual({ value: "http://flink-rest.tsflink.svc:8081", source: "profile 'prod' in tsflink.config.ts", variable: "FLINK_REST_URL" });
    expect(report.settings.savepointDir.value).toBe("s3://tsflink/savepoints");
  });

  it("an unreachable cluster names the profile its address came from", () => {
    const cwd = project(`export default { profiles: { dead: { flinkRestUrl: "http://127.0.0.1:9" } } };`);
    const r = tsflink(["list", "--profile", "dead", "--json"], { FLINK_REST_URL: "" }, cwd);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatch(/^cannot reach the Flink cluster at http:\/\/127\.0\.0\.1:9: .* \(the address comes from profile 'dead' in tsflink\.config\.ts\)$/);
  });
});
