// The Java half of `npm test`: `mvn test` over every module of runtime-java/pom.xml, against the
// local stack (started here when it is not running, stopped after) or the servers PG_URL,
// MONGODB_URI, REDIS_URL and KAFKA_BOOTSTRAP_SERVERS name. Run directly (`npm run test:java`) it
// is all that runs, ending with the same `N passed, N failed` line.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureAll, root, run } from "./setup.mjs";

const PARENT_POM = "runtime-java/pom.xml";

/** Each module's surefire report directory, from the parent pom's module list. */
function surefireDirs() {
  const pom = fs.readFileSync(path.join(root, PARENT_POM), "utf8");
  return [...pom.matchAll(/<module>([^<]+)<\/module>/g)].map((m) => path.join(root, path.dirname(PARENT_POM), m[1], "target/surefire-reports"));
}

/** Runs every Java test; resolves to the counts read from surefire's reports. */
export async function runJavaTests() {
  const dirs = surefireDirs();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  // The database connectors' tests write to real servers.
  const { ensureStack } = await import("../dist/flink-deploy/local/src/stack.js");
  const stack = await ensureStack({ onProgress: (line) => console.log(`setup: ${line}`) });
  const services = stack.stack.services;
  const env = {
    ...process.env,
    PG_URL: services.postgres.url,
    MONGODB_URI: services.mongodb.uri,
    REDIS_URL: services.redis.url,
    KAFKA_BOOTSTRAP_SERVERS: services.kafka.bootstrapServers,
  };
  let maven;
  try {
    maven = run("mvn", ["-B", "-q", "-f", PARENT_POM, "test", "-Dsurefire.printSummary=true"], { allowFailure: true, env });
  } finally {
    await stack.stop();
  }
  let passed = 0;
  let failed = 0;
  let javaTests = 0;
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith("TEST-") && f.endsWith(".xml"))) {
      const head = fs.readFileSync(path.join(dir, file), "utf8").slice(0, 2000);
      const attr = (name) => Number(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`).exec(head)?.[1] ?? 0);
      const total = attr("tests");
      const bad = attr("failures") + attr("errors");
      javaTests += total;
      passed += total - bad - attr("skipped");
      failed += bad;
    }
  }
  if (maven.status !== 0 && javaTests === 0) {
    failed += 1;
    console.error(`mvn test failed before running any test (exit code ${maven.status})`);
  }
  return { passed, failed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureAll();
  const { passed, failed } = await runJavaTests();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
