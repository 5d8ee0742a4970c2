import * as path from "node:path";
import type { Diagnostic } from "./diagnostic.js";

export interface LineAndColumn {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of an offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): LineAndColumn {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A diagnostic as `--json` prints it: the file relative to the project root, 1-based line and column. */
export interface DiagnosticRecord {
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly code: string;
  readonly category: "error" | "warning";
  readonly message: string;
}

export function diagnosticRecords(diagnostics: readonly Diagnostic[], readText: (file: string) => string, cwd: string): DiagnosticRecord[] {
  return diagnostics.map((d) => {
    const base = { code: d.code, category: d.category, message: d.message };
    if (d.file === undefined) return { file: null, line: null, column: null, ...base };
    const { line, column } = lineAndColumn(readText(d.file), d.start);
    return { file: relativePath(cwd, d.file), line, column, ...base };
  });
}

function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join("/");
}

/**
 * Prints diagnostics the way tsc does without colour: `file:line:col - error CODE: message`, then
 * the source line with `~` under the span. Paths are relative to `cwd` so output is stable.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  readText: (file: string) => string,
  cwd: string,
): string {
  const blocks = diagnostics.map((d) => {
    if (d.file === undefined) return `${d.category} ${d.code}: ${d.message}\n`;
    const text = readText(d.file);
    const { line, column } = lineAndColumn(text, d.start);
    const relative = relativePath(cwd, d.file);
    const lines = text.split("\n");
    const sourceLine = (lines[line - 1] ?? "").replace(/\r$/, "");
    const gutter = String(line);
    const underlineLength = Math.max(1, Math.min(d.length, sourceLine.length - (column - 1)));
    const frame = [
      `${gutter} ${sourceLine}`,
      `${" ".repeat(gutter.length)} ${" ".repeat(column - 1)}${"~".repeat(underlineLength)}`,
    ].join("\n");
    return `${relative}:${line}:${column} - ${d.category} ${d.code}: ${d.message}\n\n${frame}\n`;
  });
  const errors = diagnostics.filter((d) => d.category === "error").length;
  const summary = errors === 0 ? "" : `\nFound ${errors} error${errors === 1 ? "" : "s"}.\n`;
  return blocks.join("\n") + summary;
}
