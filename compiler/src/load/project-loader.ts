import * as path from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
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
 * the API the compiler understands.
 */
export function loadPipeline(file: string): LoadedPipeline {
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
  const sourceFile = project.addSourceFileAtPath(path.resolve(file));
  project.resolveSourceFileDependencies();
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
  return {
    project,
    sourceFile,
    diagnostics,
    apiDirectories: [path.join(root, "compiler/src/api"), path.join(root, "connectors")],
  };
}
