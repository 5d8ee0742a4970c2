import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { ts } from "ts-morph";
import type { TsflinkConfig } from "./define-config.js";

export const CONFIG_FILE_NAME = "tsflink.config.ts";

export class ConfigError extends Error {}

/** The nearest `tsflink.config.ts` in `dir` or a directory above it, as tools such as Vite look for theirs. */
export function findConfigFile(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

const settingsSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    flinkRestUrl: { type: "string", minLength: 1 },
    kafkaBootstrapServers: { type: "string", minLength: 1 },
    pgUrl: { type: "string", minLength: 1 },
    mongodbUri: { type: "string", minLength: 1 },
    redisUrl: { type: "string", minLength: 1 },
    parallelism: { type: "integer", minimum: 1 },
    checkpointDir: { type: "string", minLength: 1 },
    savepointDir: { type: "string", minLength: 1 },
  },
} as const;

const configSchema = {
  type: "object",
  additionalProperties: false,
  required: ["profiles"],
  properties: {
    profiles: { type: "object", additionalProperties: settingsSchema },
    defaultProfile: { type: "string" },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(configSchema);

/**
 * Loads a config file by running it, as Vite loads `vite.config.ts`: TypeScript's own transpiler
 * turns it into a module written beside it (so its `import … from "tsflink"` resolves as in the
 * project), which is imported and deleted again. A config may compute values, so it is run
 * rather than read; its shape is then checked, since a JavaScript config or a cast escapes the types.
 */
export async function loadConfigFile(file: string): Promise<TsflinkConfig> {
  const source = fs.readFileSync(file, "utf8");
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const syntax = diagnostics?.[0];
  if (syntax) throw new ConfigError(`${relative(file)}: ${ts.flattenDiagnosticMessageText(syntax.messageText, " ")}`);
  const module = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${crypto.randomBytes(4).toString("hex")}.mjs`);
  fs.writeFileSync(module, outputText);
  let loaded: unknown;
  try {
    loaded = ((await import(pathToFileURL(module).href)) as { default?: unknown }).default;
  } catch (e) {
    throw new ConfigError(`${relative(file)} failed to load: ${(e as Error).message}`);
  } finally {
    fs.rmSync(module, { force: true });
  }
  if (loaded === undefined) throw new ConfigError(`${relative(file)} has no default export: write \`export default defineConfig({ profiles: { … } })\``);
  if (!validate(loaded)) {
    const problems = (validate.errors ?? []).map((e) => {
      const where = e.instancePath === "" ? "the config" : e.instancePath.slice(1).replace(/\//g, ".");
      const extra = e.keyword === "additionalProperties" ? ` '${String(e.params["additionalProperty"])}'` : "";
      return `${where} ${e.message ?? "is invalid"}${extra}`;
    });
    throw new ConfigError(`${relative(file)}: ${problems.join("; ")}`);
  }
  const config = loaded as TsflinkConfig;
  if (config.defaultProfile !== undefined && !(config.defaultProfile in config.profiles)) {
    throw new ConfigError(`${relative(file)}: defaultProfile '${config.defaultProfile}' is not one of the profiles (${Object.keys(config.profiles).join(", ")})`);
  }
  return config;
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
