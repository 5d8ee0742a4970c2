import { DIAGNOSTICS, formatCode, renderTemplate, type DiagnosticId } from "./diagnostic-catalogue.js";

/**
 * A diagnostic stores offsets, as TypeScript's do; line and column are computed only when it is
 * printed. `code` is a display code: `TSF1004` for ours, `TS2322` for the type checker's.
 */
export interface Diagnostic {
  readonly code: string;
  readonly category: "error" | "warning";
  /** Absolute path of the file, or undefined for a diagnostic about no particular file. */
  readonly file: string | undefined;
  readonly start: number;
  readonly length: number;
  readonly message: string;
}

export interface Located {
  getSourceFile(): { getFilePath(): string };
  getStart(): number;
  getWidth(): number;
}

export function diagnostic(id: DiagnosticId, at: Located, ...args: string[]): Diagnostic {
  const entry: { code: number; category?: "warning" } = DIAGNOSTICS[id];
  return Object.freeze({
    code: formatCode(entry.code),
    category: entry.category ?? "error",
    file: at.getSourceFile().getFilePath(),
    start: at.getStart(),
    length: Math.max(1, at.getWidth()),
    message: renderTemplate(id, args),
  });
}

/**
 * Thrown inside a phase to abandon one construct; the phase records its diagnostics and goes
 * on. An empty list abandons a construct whose cause was already reported, so one mistake
 * is not reported again by everything that depends on it.
 */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n") || "abandoned after an earlier error");
  }
}

export function isError(d: Diagnostic): boolean {
  return d.category === "error";
}

export function fail(id: DiagnosticId, at: Located, ...args: string[]): never {
  throw new DiagnosticError([diagnostic(id, at, ...args)]);
}
