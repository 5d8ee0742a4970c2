// `npm test`: every TypeScript and Java test, against real servers where a test touches one.
// Ends with one line `N passed, N failed`, summed over both languages.
import * as fs from "node:fs";
import * as path from "node:path";
import { runJavaTests } from "./java-tests.mjs";
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
  const java = await runJavaTests();
  passed += java.passed;
  failed += java.failed;
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
