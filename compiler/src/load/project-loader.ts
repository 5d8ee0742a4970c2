import * as fs from "node:fs";
import * as path from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import { DiagnosticError, diagnostic, type Diagnostic, type Located } from "../diagnostics/diagnostic.js";
import { MAX_NESTING, findTooDeep, findTooDeepInText, type TooDeep } from "./nesting-depth.js";
import { packageRoot } from "./package-root.js";

export interface LoadedPipeline {
  readonly project: Project;
  readonly sourceFile: SourceFile;
  /** TypeScript's own errors, as tsc reports them; extraction runs only when there are none. */
  readonly diagnostics: readonly Diagnostic[];
  /** Directories whose declarations are tsflink's API (to recognise `pipeline`, `kafka.sink`…). */
  readonly apiDirectories: readonly string[];
}

/**
 * Loads a pipeline file into a ts-morph project and type-checks it. `tsflink` resolves to this
 * package's API source, wherever the pipeline lives, so a pipeline type-checks against exactly
 * the API the compiler understands. Code nested too deep for TypeScript to parse or check is
 * refused first (a {@link DiagnosticError}), as are the local modules the pipeline imports.
 */
export function loadPipeline(file: string): LoadedPipeline {
  const absolute = path.resolve(file);
  refuseTooDeep(absolute, fs.readFileSync(absolute, "utf8"));
  const root = packageRoot();
  const apiEntry = path.join(root, "compiler/src/api/index.ts");
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ["lib.es2023.d.ts"],
      types: [],
      paths: { tsflink: [apiEntry] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  const sourceFile = project.addSourceFileAtPath(absolute);
  project.resolveSourceFileDependencies();
  const apiDirectories = [path.join(root, "compiler/src/api"), path.join(root, "connectors")];
  for (const imported of project.getSourceFiles()) {
    const name = imported.getFilePath();
    if (imported === sourceFile || imported.isInNodeModules() || imported.isDeclarationFile() || apiDirectories.some((dir) => name.startsWith(dir + "/"))) continue;
    refuseTooDeep(name, imported.getFullText());
  }
  const diagnostics = project
    .getPreEmitDiagnostics()
    .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
    .map(
      (d): Diagnostic => ({
        code: `TS${d.getCode()}`,
        category: "error",
        file: d.getSourceFile()?.getFilePath(),
        start: d.getStart() ?? 0,
        length: d.getLength() ?? 1,
        message: ts.flattenDiagnosticMessageText(d.compilerObject.messageText, "\n"),
      }),
    );
  return { project, sourceFile, diagnostics, apiDirectories };
}

/**
 * Parses the text on its own first: TypeScript's parser recurses too, and when it overflows there
 * is no tree to measure, only the text's brackets.
 */
function refuseTooDeep(file: string, text: string): void {
  let parsed: ts.SourceFile;
  try {
    parsed = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new DiagnosticError(findTooDeepInText(text).map((d) => tooDeepDiagnostic(file, d)));
  }
  const found = findTooDeep(parsed);
  if (found.length > 0) throw new DiagnosticError(found.map((d) => tooDeepDiagnostic(file, d)));
}

function tooDeepDiagnostic(file: string, found: TooDeep): Diagnostic {
  const at: Located = { getSourceFile: () => ({ getFilePath: () => file }), getStart: () => found.start, getWidth: () => found.width };
  return diagnostic("TOO_DEEP", at, found.depth === undefined ? `more than ${MAX_NESTING}` : String(found.depth), String(MAX_NESTING));
}
