import * as fs from "node:fs";
import * as path from "node:path";
import { Project, type Type } from "ts-morph";
import { describe, expect, it } from "vitest";
import { readCatalogue, staleContractFiles } from "../../scripts/generate-contract.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const schema = JSON.parse(fs.readFileSync(path.join(root, "compiler/schema/jobgraph.v1.schema.json"), "utf8"));
const schemaReadme = fs.readFileSync(path.join(root, "compiler/schema/README.md"), "utf8");
const catalogue = readCatalogue(root);

type JsonSchema = { [key: string]: unknown };
const defs = schema.$defs as Record<string, JsonSchema>;

/** The kinds a schema definition discriminates on, each with the property names it allows. */
function schemaKinds(def: JsonSchema): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  const common = Object.keys((def.properties as JsonSchema | undefined) ?? {});
  for (const branch of (def.allOf as JsonSchema[] | undefined) ?? []) {
    const kind = ((branch.if as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined)?.kind;
    const names = kind === undefined ? [] : ((kind.const !== undefined ? [kind.const] : kind.enum) as string[]);
    for (const name of names) kinds.set(name, [...new Set([...common, ...Object.keys(((branch.then as JsonSchema).properties as JsonSchema) ?? {})])].sort());
  }
  return kinds;
}

function nodeKinds(): Map<string, string[]> {
  const kinds = new Map<string, string[]>();
  const nodeCommon = Object.keys(defs.nodeCommon!.properties as JsonSchema);
  const variants = ((defs.node!.allOf as JsonSchema[])[1]!.oneOf as JsonSchema[]);
  for (const variant of variants) {
    const refs = ((variant.allOf as JsonSchema[] | undefined) ?? []).map((r) => defs[String(r.$ref).replace("#/$defs/", "")]!);
    const props = [...nodeCommon, ...Object.keys(variant.properties as JsonSchema), ...refs.flatMap((r) => Object.keys(r.properties as JsonSchema))];
    const kind = (variant.properties as Record<string, JsonSchema>).kind!;
    for (const k of (kind.const !== undefined ? [kind.const] : kind.enum) as string[]) kinds.set(k, [...new Set(props)].sort());
  }
  return kinds;
}

const project = new Project({ tsConfigFilePath: path.join(root, "tsconfig.json"), skipAddingFilesFromTsConfig: true });

/** The members of a TypeScript union of interfaces with a literal `kind`, each with its property names. */
function typeScriptKinds(file: string, union: string): Map<string, string[]> {
  const source = project.addSourceFileAtPath(path.join(root, file));
  const kinds = new Map<string, string[]>();
  for (const member of source.getTypeAliasOrThrow(union).getType().getUnionTypes() as Type[]) {
    const kind = member.getPropertyOrThrow("kind").getTypeAtLocation(source).getLiteralValue();
    kinds.set(String(kind), member.getProperties().map((p) => p.getName()).sort());
  }
  return kinds;
}

const sorted = (m: Map<string, string[]>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

/**
 * The job graph is the contract between the compiler and the harness. Its JSON Schema and the
 * catalogue of callables are the descriptions; everything else is generated from them or held to
 * them here and, for the harness's records and enums, in runtime-java/core's ContractTest.
 */
describe("the TypeScript ↔ Java contract", () => {
  it("generated files are up to date with compiler/schema/callables.v1.json", () => {
    expect(staleContractFiles(root)).toEqual([]);
  });

  it("the schema's methods and builtins are exactly the catalogue's", () => {
    const expr = schemaKinds(defs.expr!);
    expect(expr.get("call")).toContain("method");
    const branch = (kind: string) =>
      ((defs.expr!.allOf as JsonSchema[]).find((b) => ((b.if as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined)?.kind?.const === kind)!.then as JsonSchema)
        .properties as Record<string, JsonSchema>;
    expect([...(branch("call").method!.enum as string[])].sort()).toEqual(Object.keys(catalogue.methods).sort());
    expect([...(branch("builtin").name!.enum as string[])].sort()).toEqual(Object.keys(catalogue.builtins).sort());
  });

  it("the schema's README describes every method and builtin", () => {
    const undocumented = [...Object.keys(catalogue.methods), ...Object.keys(catalogue.builtins)].filter((id) => !schemaReadme.includes(`\`${id}\``));
    expect(undocumented).toEqual([]);
  });

  it("the TypeScript IR has exactly the schema's expression kinds, each with the schema's fields", () => {
    expect(sorted(typeScriptKinds("compiler/src/ir/expression-nodes.ts", "ExprNode"))).toEqual(sorted(schemaKinds(defs.expr!)));
  });

  it("the TypeScript IR has exactly the schema's statement kinds, each with the schema's fields", () => {
    expect(sorted(typeScriptKinds("compiler/src/ir/statement-nodes.ts", "Statement"))).toEqual(sorted(schemaKinds(defs.statement!)));
  });

  it("the TypeScript IR has exactly the schema's node kinds, each with the schema's fields", () => {
    expect(sorted(typeScriptKinds("compiler/src/ir/graph-nodes.ts", "GraphNode"))).toEqual(sorted(nodeKinds()));
  });
});
