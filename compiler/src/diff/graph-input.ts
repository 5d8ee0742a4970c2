import * as fs from "node:fs";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { compilePipeline } from "../compile.js";
import { SCHEMA_VERSION, type JobGraph } from "../ir/graph-nodes.js";
import { compilerVersion, packageRoot } from "../load/package-root.js";

/** Why a graph could not be read; `details` holds a pipeline's diagnostics. */
export class GraphInputError extends Error {
  constructor(message: string, readonly details?: string) {
    super(message);
  }
}

let validator: ReturnType<Ajv2020["compile"]> | undefined;

function validate(document: unknown): string[] {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(fs.readFileSync(path.join(packageRoot(), "compiler/schema/jobgraph.v1.schema.json"), "utf8")) as object,
  );
  if (validator(document)) return [];
  return (validator.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/**
 * Checks a job graph document from elsewhere (a file, a running job): its schema version first,
 * then the compiler that wrote it (a newer compiler may write what this one cannot judge), then
 * its shape against the schema.
 */
export function parseJobGraph(text: string, where: string): JobGraph {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new GraphInputError(`${where} is not JSON: ${(e as Error).message}`);
  }
  const header = document as { schemaVersion?: unknown; compiler?: { version?: unknown } };
  if (header.schemaVersion !== SCHEMA_VERSION) {
    throw new GraphInputError(`${where} is a job graph of version ${JSON.stringify(header.schemaVersion ?? null)}; this tsflink (${compilerVersion()}) reads ${SCHEMA_VERSION}`);
  }
  const writtenBy = typeof header.compiler?.version === "string" ? header.compiler.version : undefined;
  if (writtenBy !== undefined && compareVersions(writtenBy, compilerVersion()) > 0) {
    throw new GraphInputError(`${where} was written by tsflink ${writtenBy}, newer than this one (${compilerVersion()}): upgrade tsflink to compare it`);
  }
  const problems = validate(document);
  if (problems.length > 0) throw new GraphInputError(`${where} is not a valid ${SCHEMA_VERSION} job graph: ${problems.join("; ")}`);
  return document as JobGraph;
}

/** A pipeline (`.ts`, compiled now) or a compiled job graph (`.json`). */
export function loadGraph(file: string): JobGraph {
  if (!fs.existsSync(file)) throw new GraphInputError(`${file} does not exist`);
  if (file.endsWith(".json")) return parseJobGraph(fs.readFileSync(file, "utf8"), file);
  const result = compilePipeline(file);
  if (!result.graph) throw new GraphInputError(`${path.basename(file)} did not compile (${result.diagnostics.length} error${result.diagnostics.length === 1 ? "" : "s"})`, result.report);
  return result.graph;
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
