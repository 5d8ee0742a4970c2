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
  const { project, apiDirectories, packageSources } = sharedProject(packageRoot());
  // The user's files are read afresh on every compile; the library and API files stay parsed.
  const isPackageFile = (f: SourceFile) => packageSources.some((dir) => f.getFilePath().startsWith(dir + "/"));
  for (const stale of project.getSourceFiles()) if (!isPackageFile(stale)) project.removeSourceFile(stale);
  const sourceFile = project.addSourceFileAtPath(absolute);
  project.resolveSourceFileDependencies();
  const localFiles = project.getSourceFiles().filter((f) => f !== sourceFile && !f.isInNodeModules() && !f.isDeclarationFile() && !isPackageFile(f));
  for (const local of localFiles) refuseTooDeep(local.getFilePath(), local.getFullText());
  // Only the user's files are checked: checking the API's own sources again on every compile took
  // half of a warm compile, and their errors are this package's tests' business.
  const seen = new Set<string>();
  const diagnostics = [sourceFile, ...localFiles]
    .flatMap((f) => f.getPreEmitDiagnostics())
    .filter((d) => {
      const key = `${d.getSourceFile()?.getFilePath()}:${d.getStart()}:${d.getCode()}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    })
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

let shared: { readonly root: string; readonly project: Project; readonly apiDirectories: readonly string[]; readonly packageSources: readonly string[] } | undefined;

/**
 * One project per process and package root: a compile after the first reuses the parsed library
 * and API files (parsing them again was a third of a warm compile); a type checker is still made
 * afresh for each compile's program.
 */
function sharedProject(root: string): NonNullable<typeof shared> {
  if (shared?.root === root) return shared;
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
      paths: { tsflink: [path.join(root, "compiler/src/api/index.ts")] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  shared = {
    root,
    project,
    apiDirectories: [path.join(root, "compiler/src/api"), path.join(root, "connectors")],
    packageSources: [path.join(root, "compiler/src"), path.join(root, "connectors")],
  };
  return shared;
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
