import * as path from "node:path";
import { Project, ts } from "ts-morph";
import { describe, expect, test } from "vitest";
import { kafka } from "tsflink";
import { testPipeline } from "tsflink/testing";
import sourceDefinition, { auditSource, clickSource, replaySource, type Click } from "./cases/source-definition/pipeline.js";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * A test as a pipeline author writes it, type-checked by TypeScript with the repository's own
 * settings (`tsflink` and `tsflink/testing` resolve through its `paths`). Line numbers below count
 * from the first line of this text.
 */
const CHECKED = `import { kafka, type Int, type Timestamp } from "tsflink";
import { testPipeline } from "tsflink/testing";

interface Reading {
  sensor: string;
  celsius: number;
  samples: Int;
  at: Timestamp;
  site?: { name: string };
  tags: string[];
}
const readings = kafka.source<Reading>({ topic: "readings" });
const t = testPipeline("pipeline.ts");

t.input(readings, [{ sensor: "s-1", celsius: 21.5, samples: 3, at: 1_700_000_000_000, site: { name: "Hall" }, tags: ["a"] }]); // a Reading: no error
t.input(readings, [{ sensor: "s-1", celsius: "21.5", samples: 3, at: 1_700_000_000_000, tags: [] }]); // celsius of the wrong type
t.input(readings, [{ sensor: "s-1", celsius: 21.5, samples: 3, tags: [] }]); // at missing
t.input(readings, [{ sensor: "s-1", celsius: 21.5, samples: 3, at: 1_700_000_000_000, tags: [], colour: "red" }]); // colour unknown
t.input(readings, [{ sensor: "s-1", celsius: 21.5, samples: 3, at: 1_700_000_000_000, site: { name: 7 }, tags: [] }]); // a nested field of the wrong type
t.input("readings", [{ sensor: 1, colour: "red" }]); // by topic: any objects, checked when the job decodes them
`;

/** TypeScript's diagnostics of a file at compiler/test/, as `line:column TScode message`. */
function typeErrors(text: string): string[] {
  const project = new Project({ tsConfigFilePath: path.join(root, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
  // Only in memory: the project reads the rest of the repository from disk.
  const file = project.createSourceFile(path.join(root, "compiler/test/typed-input.check.ts"), text);
  return file.getPreEmitDiagnostics().map((d) => {
    const { line, column } = file.getLineAndColumnAtPos(d.getStart() ?? 0);
    return `${line}:${column} TS${d.getCode()} ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, "\n")}`;
  });
}

/** What a record of type Reading is in a test: its branded numbers plain. */
const READING = "{ sensor: string; celsius: number; samples: number; at: number; site?: { name: string; } | undefined; tags: string[]; }";

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const click = (userId: string, page: string, at: number) => ({ userId, page, at });
const SOURCES = "clicks (topic clicks), audit (topic clicks.audit), replay (topic clicks.audit)";

/** A run starts a JVM with a MiniCluster, and the first may rebuild the harness jar with Maven. */
const TEST_KIT_TIMEOUT_MS = 600_000;

describe("input by source definition", () => {
  test("types the records by the definition's record type; a source named by a string takes any objects", () => {
    expect(typeErrors(CHECKED)).toEqual([
      "16:37 TS2322 Type 'string' is not assignable to type 'number'.",
      `17:20 TS2741 Property 'at' is missing in type '{ sensor: string; celsius: number; samples: number; tags: never[]; }' but required in type '${READING}'.`,
      `18:97 TS2353 Object literal may only specify known properties, and 'colour' does not exist in type '${READING}'.`,
      "19:95 TS2322 Type 'number' is not assignable to type 'string'.",
    ]);
  });

  test("feeds the source the definition made, by topic or by its name; a wrong shape given by name is still a dead letter", async () => {
    const notAClick = { userId: "u-9" };
    const result = await testPipeline(sourceDefinition)
      .input(clickSource, [click("u-1", "/home", T0), click("u-1", "/health", T0 + 1000), click("u-2", "/cart", T0 + 2000)])
      .input(auditSource, [click("u-3", "/admin", T0 + 3000)])
      .input(replaySource, [click("u-4", "/replay", T0 + 4000)])
      .input("clicks", [notAClick])
      .run();

    expect(result.sink("pages")).toEqual([click("u-1", "/home", T0), click("u-2", "/cart", T0 + 2000)]);
    expect(result.sink("audit")).toEqual([click("u-3", "/admin", T0 + 3000)]);
    expect(result.sink("replay")).toEqual([click("u-4", "/replay", T0 + 4000)]);
    expect(result.deadLetters(clickSource)).toEqual([{
      node: "clicks", operator: "kafka-source", location: "compiler/test/cases/source-definition/pipeline.ts:22:20",
      reason: "field 'page': missing", value: Buffer.from(JSON.stringify(notAClick)),
    }]);
    expect(result.deadLetters(auditSource)).toEqual([]);
  }, TEST_KIT_TIMEOUT_MS);

  test("refuses a definition that made none of the pipeline's sources, listing them", async () => {
    const taps = kafka.source<Click>({ topic: "taps" });
    await expect(testPipeline(sourceDefinition).input(taps, []).run()).rejects.toThrow(
      `no source of pipeline 'source-definition' reads kafka.source({ topic: "taps" }); its sources are ${SOURCES}`,
    );
    const misnamed = kafka.source<Click>({ topic: "clicks.audit", name: "audits" });
    await expect(testPipeline(sourceDefinition).input(misnamed, []).run()).rejects.toThrow(
      `no source of pipeline 'source-definition' reads kafka.source({ topic: "clicks.audit", name: "audits" }); its sources are ${SOURCES}`,
    );
  });

  test("refuses a definition without a name whose topic several sources read", async () => {
    const audits = kafka.source<Click>({ topic: "clicks.audit" });
    await expect(testPipeline(sourceDefinition).input(audits, []).run()).rejects.toThrow(
      `kafka.source({ topic: "clicks.audit" }) matches sources audit, replay of pipeline 'source-definition'; give the definition a \`name\` option, or name the source by its id. Its sources are ${SOURCES}`,
    );
  });
});
