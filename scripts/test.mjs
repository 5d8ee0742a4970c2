// `npm test`: every TypeScript and Java test, against real servers where a test touches one.
// Ends with one line `N passed, N failed`, summed over both languages.
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureAll, root, run } from "./setup.mjs";

ensureAll();
const { ensureHarnessJar } = await import("../dist/compiler/src/flink/harness-jar.js");
ensureHarnessJar((line) => console.log(`setup: ${line}`));

const outDir = path.join(root, ".ci/out");
fs.mkdirSync(outDir, { recursive: true });
const vitestReport = path.join(outDir, "vitest.json");
fs.rmSync(vitestReport, { force: true });

const filters = process.argv.slice(2);
const vitest = run(
  path.join(root, "node_modules/.bin/vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`, ...filters],
  { allowFailure: true },
);
let passed = 0;
let failed = 0;
if (fs.existsSync(vitestReport)) {
  const report = JSON.parse(fs.readFileSync(vitestReport, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that failed without a failing test (an import or setup error) still counts once.
  failed += report.testResults.filter((file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed")).length;
} else {
  failed += 1;
  console.error("vitest wrote no report (exit code " + vitest.status + ")");
}

if (filters.length === 0) {
  const surefireDirs = ["runtime-java/core", "runtime-java/harness", "connectors/kafka", "connectors/postgres", "connectors/mongo", "connectors/redis"]
    .map((m) => path.join(root, m, "target/surefire-reports"));
  for (const dir of surefireDirs) fs.rmSync(dir, { recursive: true, force: true });
  // The database connectors' tests write to real servers: the local stack's (started here when
  // it is not running, stopped after), or those PG_URL, MONGODB_URI and REDIS_URL name.
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
    maven = run("mvn", ["-B", "-q", "-f", "runtime-java/pom.xml", "test", "-Dsurefire.printSummary=true"], { allowFailure: true, env });
  } finally {
    await stack.stop();
  }
  let javaTests = 0;
  for (const dir of surefireDirs) {
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
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
