import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DiagnosticError, isError, type Diagnostic } from "./diagnostics/diagnostic.js";
import { diagnosticRecords, formatDiagnostics, type DiagnosticRecord } from "./diagnostics/diagnostic-formatter.js";
import { extractPipeline } from "./extract/pipeline-extractor.js";
import { emitJobGraph, standaloneSchema } from "./emit/json-emitter.js";
import type { JobGraph } from "./ir/graph-nodes.js";
import { compilerVersion } from "./load/package-root.js";
import { loadPipeline } from "./load/project-loader.js";
import { validateGraph } from "./validate/graph-validator.js";

export interface CompileResult {
  readonly graph: JobGraph | undefined;
  /** The job graph as written to disk: canonical, byte-identical for identical input. */
  readonly json: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** The diagnostics printed as tsc prints them, paths relative to the project root. */
  readonly report: string;
  /** The same diagnostics, in the same order, as data (`--json`). */
  readonly records: readonly DiagnosticRecord[];
}

/**
 * The compiler's phases, in order: load (type-check) → extract (graph, with user functions
 * translated to IR) → validate (whole-graph checks) → emit. A phase runs only when the ones
 * before it found no error; within a phase every error is collected.
 */
export function compilePipeline(file: string, options: { projectRoot?: string } = {}): CompileResult {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  let loaded: ReturnType<typeof loadPipeline> | undefined;
  const readText = (f: string): string =>
    loaded?.project.getSourceFile(f)?.getFullText() ?? (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
  // Warnings are reported with the result; only errors withhold the graph.
  const done = (graph: JobGraph | undefined, diagnostics: readonly Diagnostic[]): CompileResult => ({
    graph: diagnostics.some(isError) ? undefined : graph,
    json: !diagnostics.some(isError) && graph ? emitJobGraph(graph) : undefined,
    diagnostics,
    report: formatDiagnostics(sortDiagnostics(diagnostics), readText, projectRoot),
    records: diagnosticRecords(sortDiagnostics(diagnostics), readText, projectRoot),
  });
  try {
    loaded = loadPipeline(file);
  } catch (e) {
    if (e instanceof DiagnosticError) return done(undefined, e.diagnostics);
    throw e;
  }
  if (loaded.diagnostics.length > 0) return done(undefined, loaded.diagnostics);
  const extracted = extractPipeline(loaded, projectRoot, compilerVersion());
  if (!extracted.graph) return done(undefined, extracted.diagnostics);
  return done(extracted.graph, [...extracted.diagnostics, ...validateGraph(extracted.graph, extracted.sites)]);
}

/** A refused result with these diagnostics: what a later phase (the harness check) makes of an accepted one. */
export function refusedResult(diagnostics: readonly Diagnostic[], projectRoot: string): CompileResult {
  const readText = (f: string): string => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
  const sorted = sortDiagnostics(diagnostics);
  return {
    graph: undefined,
    json: undefined,
    diagnostics,
    report: formatDiagnostics(sorted, readText, projectRoot),
    records: diagnosticRecords(sorted, readText, projectRoot),
  };
}

function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || a.start - b.start || a.code.localeCompare(b.code));
}

export interface WrittenArtifacts {
  readonly jobGraph: string;
  readonly schemas: readonly string[];
}

/** The longest name of one file or directory that common file systems (ext4, APFS, NTFS) take. */
const MAX_FILE_NAME_BYTES = 255;

/**
 * Writes `<out>/<job>.jobgraph.json` and one `.avsc` per record type a source reads or a sink writes.
 * Every path is decided before anything is written. A name too long for the file system (a record
 * type named after a 250-character `const`) is cut and given a hash of the whole name, so the file
 * name stays deterministic and distinct; the schema inside keeps the full name.
 */
export function writeArtifacts(result: CompileResult, outDir: string): WrittenArtifacts {
  const graph = result.graph;
  if (!graph || !result.json) throw new Error("writeArtifacts needs a successful compile result");
  const jobGraph = path.join(outDir, fileName(graph.job.name, ".jobgraph.json"));
  const schemaDir = path.join(outDir, fileName(graph.job.name, ".schemas"));
  const boundary = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind === "kafka-source") boundary.add(node.outputType);
    if (node.kind === "kafka-sink") boundary.add(node.inputType);
  }
  const schemas = [...boundary].sort().map((name) => ({ name, file: path.join(schemaDir, fileName(name, ".avsc")) }));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(jobGraph, result.json);
  fs.mkdirSync(schemaDir, { recursive: true });
  for (const { name, file } of schemas) fs.writeFileSync(file, JSON.stringify(standaloneSchema(graph, name), null, 2) + "\n");
  return { jobGraph, schemas: schemas.map((s) => s.file) };
}

/** `base + extension`, or when that is too long a file name, a cut `base`, `-`, 12 hex digits of its hash. */
export function fileName(base: string, extension: string): string {
  if (Buffer.byteLength(base + extension) <= MAX_FILE_NAME_BYTES) return base + extension;
  const hash = createHash("sha256").update(base).digest("hex").slice(0, 12);
  // Job and type names are ASCII (the schema's patterns), so characters are bytes.
  return `${base.slice(0, MAX_FILE_NAME_BYTES - extension.length - hash.length - 1)}-${hash}${extension}`;
}
