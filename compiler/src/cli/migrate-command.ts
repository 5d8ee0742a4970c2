import pg from "pg";
import type { JobGraph, PostgresSinkNode } from "../ir/graph-nodes.js";
import { isArray, isNamed, isNullable, isTimestamp, nonNull, type IrType, type NamedTypeDef } from "../ir/ir-types.js";

/**
 * `tsflink migrate`: the PostgreSQL tables a pipeline's `postgres-sink`s write, and the sinks'
 * progress table. A missing table is created; an existing one is only compared, never altered,
 * and every way it does not fit is named (altering a table that holds data is a decision for
 * its owner, not for a deploy step).
 */

/** The exactly-once fence (compiler/schema/README.md, `postgres-sink`). */
export const PROGRESS_TABLE = "tsflink_sink_progress";

export interface ColumnSpec {
  readonly name: string;
  /** As PostgreSQL's `format_type` prints it, so an existing column compares by equality. */
  readonly type: string;
  readonly nullable: boolean;
  /** A SQL default expression, for columns the sinks may leave out. */
  readonly default?: string;
}
export interface TableSpec {
  /** As the pipeline wrote it: `name` or `schema.name`. */
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
  /** Empty for an append table, which needs no key. */
  readonly primaryKey: readonly string[];
  /** The node ids of the sinks that write it. */
  readonly sinks: readonly string[];
}

export type TableDifference =
  | { readonly kind: "missing-column"; readonly column: string; readonly expected: string }
  | { readonly kind: "wrong-type"; readonly column: string; readonly expected: string; readonly actual: string }
  | { readonly kind: "not-null"; readonly column: string }
  | { readonly kind: "extra-not-null-column"; readonly column: string }
  | { readonly kind: "wrong-key"; readonly expected: readonly string[]; readonly actual: readonly (readonly string[])[] };

export interface TableResult {
  readonly table: string;
  readonly sinks: readonly string[];
  /** `missing`: not there and `--check` created nothing. */
  readonly state: "created" | "fits" | "differs" | "missing";
  readonly differences: readonly TableDifference[];
  /** The statement that creates the table (run when `state` is `created`). */
  readonly createSql: string;
}

export interface MigrationReport {
  readonly job: string;
  readonly tables: readonly TableResult[];
  /** True when every table exists and fits. */
  readonly ok: boolean;
}

const PG_TYPES = {
  string: "text",
  double: "double precision",
  int: "integer",
  long: "bigint",
  boolean: "boolean",
  timestamp: "timestamp with time zone",
  json: "jsonb",
} as const;

/** The tables a graph's PostgreSQL sinks write, one per table name, and the progress table. */
export function tablesOf(graph: JobGraph): TableSpec[] {
  const types = new Map<string, NamedTypeDef>(graph.types.map((t) => [t.name, t]));
  const byName = new Map<string, TableSpec>();
  const sinks = graph.nodes.filter((n): n is PostgresSinkNode => n.kind === "postgres-sink");
  for (const sink of sinks) {
    const record = types.get(sink.inputType);
    if (record?.type !== "record") throw new Error(`sink '${sink.id}': its input type ${sink.inputType} is not a record of the graph`);
    const spec: TableSpec = {
      table: sink.table,
      columns: record.fields.map((f) => ({ name: f.name, type: columnType(f.type, types), nullable: isNullable(f.type) })),
      primaryKey: sink.key,
      sinks: [sink.id],
    };
    const earlier = byName.get(sink.table);
    if (earlier && JSON.stringify({ ...earlier, sinks: [] }) !== JSON.stringify({ ...spec, sinks: [] })) {
      throw new Error(`sinks '${earlier.sinks.join("', '")}' and '${sink.id}' both write table ${sink.table} but with different columns or keys`);
    }
    byName.set(sink.table, earlier ? { ...earlier, sinks: [...earlier.sinks, sink.id] } : spec);
  }
  const tables = [...byName.values()];
  if (tables.length > 0) {
    tables.push({
      table: PROGRESS_TABLE,
      columns: [
        { name: "sink", type: PG_TYPES.string, nullable: false },
        { name: "subtask", type: PG_TYPES.int, nullable: false },
        { name: "checkpoint", type: PG_TYPES.long, nullable: false },
        // Which run of the job wrote the fence (connectors/postgres PostgresSinkTarget): a new job
        // counts checkpoints from 1 again and must not be held back by an old run's fence.
        { name: "run", type: PG_TYPES.string, nullable: false, default: "''" },
      ],
      primaryKey: ["sink", "subtask"],
      sinks: sinks.map((s) => s.id),
    });
  }
  return tables;
}

/** compiler/schema/README.md's column table. */
function columnType(type: IrType, types: ReadonlyMap<string, NamedTypeDef>): string {
  const inner = nonNull(type);
  if (isTimestamp(inner)) return PG_TYPES.timestamp;
  if (isArray(inner)) return PG_TYPES.json;
  if (isNamed(inner)) return types.get(inner)?.type === "enum" ? PG_TYPES.string : PG_TYPES.json;
  if (typeof inner === "object") return PG_TYPES.json;
  const primitive = PG_TYPES[inner as keyof typeof PG_TYPES];
  if (!primitive) throw new Error(`no PostgreSQL column type for ${JSON.stringify(type)}`);
  return primitive;
}

function qualified(table: string): string {
  return table.split(".").map((part) => pg.escapeIdentifier(part)).join(".");
}

export function createTableSql(spec: TableSpec): string {
  const lines = spec.columns.map((c) => `  ${pg.escapeIdentifier(c.name)} ${c.type}${c.nullable ? "" : " not null"}${c.default === undefined ? "" : ` default ${c.default}`}`);
  if (spec.primaryKey.length > 0) lines.push(`  primary key (${spec.primaryKey.map((k) => pg.escapeIdentifier(k)).join(", ")})`);
  return `create table ${qualified(spec.table)} (\n${lines.join(",\n")}\n)`;
}

interface ExistingColumn {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
}

/**
 * Creates the missing tables of `graph` (none with `check`) and compares the existing ones.
 * Creation runs in one transaction: either every missing table is created or none is.
 */
export async function migrate(graph: JobGraph, pgUrl: string, options: { readonly check?: boolean } = {}): Promise<MigrationReport> {
  const specs = tablesOf(graph);
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query("begin");
    const results: TableResult[] = [];
    for (const spec of specs) {
      const createSql = createTableSql(spec);
      if (spec.table === PROGRESS_TABLE && !options.check) {
        // The sinks add `run` to a progress table made before it existed; so does migrate.
        await client.query(`alter table if exists ${PROGRESS_TABLE} add column if not exists run text not null default ''`);
      }
      const columns = await existingColumns(client, spec.table);
      if (columns === undefined) {
        if (!options.check) {
          const schema = spec.table.includes(".") ? spec.table.split(".")[0]! : undefined;
          if (schema) await client.query(`create schema if not exists ${pg.escapeIdentifier(schema)}`);
          await client.query(createSql);
        }
        results.push({ table: spec.table, sinks: spec.sinks, state: options.check ? "missing" : "created", differences: [], createSql });
        continue;
      }
      const differences = compare(spec, columns, await uniqueKeys(client, spec.table));
      results.push({ table: spec.table, sinks: spec.sinks, state: differences.length === 0 ? "fits" : "differs", differences, createSql });
    }
    await client.query("commit");
    return { job: graph.job.name, tables: results, ok: results.every((r) => r.state === "created" || r.state === "fits") };
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function existingColumns(client: pg.Client, table: string): Promise<ExistingColumn[] | undefined> {
  const found = await client.query<{ oid: string | null }>("select to_regclass($1)::oid::text as oid", [qualified(table)]);
  const oid = found.rows[0]?.oid;
  if (!oid) return undefined;
  const columns = await client.query<{ name: string; type: string; not_null: boolean; has_default: boolean }>(
    `select attname as name, format_type(atttypid, atttypmod) as type, attnotnull as not_null, atthasdef as has_default
       from pg_attribute where attrelid = $1::oid and attnum > 0 and not attisdropped order by attnum`,
    [oid],
  );
  return columns.rows.map((r) => ({ name: r.name, type: r.type, notNull: r.not_null, hasDefault: r.has_default }));
}

/** Columns of every primary key and unique index without a predicate: what `ON CONFLICT (…)` can use. */
async function uniqueKeys(client: pg.Client, table: string): Promise<string[][]> {
  const keys = await client.query<{ columns: string[] }>(
    `select array_agg(a.attname::text order by k.ord) as columns
       from pg_index i
       cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = to_regclass($1) and i.indisunique and i.indpred is null
      group by i.indexrelid, i.indisprimary
      order by i.indisprimary desc, i.indexrelid`,
    [qualified(table)],
  );
  return keys.rows.map((r) => r.columns);
}

function compare(spec: TableSpec, existing: readonly ExistingColumn[], keys: readonly (readonly string[])[]): TableDifference[] {
  const differences: TableDifference[] = [];
  const byName = new Map(existing.map((c) => [c.name, c]));
  for (const column of spec.columns) {
    const found = byName.get(column.name);
    if (!found) differences.push({ kind: "missing-column", column: column.name, expected: column.type });
    else if (found.type !== column.type) differences.push({ kind: "wrong-type", column: column.name, expected: column.type, actual: found.type });
    else if (found.notNull && column.nullable) differences.push({ kind: "not-null", column: column.name });
  }
  const written = new Set(spec.columns.map((c) => c.name));
  for (const column of existing) {
    if (!written.has(column.name) && column.notNull && !column.hasDefault) differences.push({ kind: "extra-not-null-column", column: column.name });
  }
  const sameColumns = (key: readonly string[]) => key.length === spec.primaryKey.length && spec.primaryKey.every((k) => key.includes(k));
  if (spec.primaryKey.length > 0 && !keys.some(sameColumns)) differences.push({ kind: "wrong-key", expected: spec.primaryKey, actual: keys });
  return differences;
}

/** One line per difference, as a person fixing the table reads it. */
export function describeDifference(d: TableDifference): string {
  switch (d.kind) {
    case "missing-column":
      return `column "${d.column}" is missing; the sink writes ${d.expected}`;
    case "wrong-type":
      return `column "${d.column}" is ${d.actual}; the sink writes ${d.expected}`;
    case "not-null":
      return `column "${d.column}" is not null, but the field is optional`;
    case "extra-not-null-column":
      return `column "${d.column}" is not null without a default, and the sink does not write it`;
    case "wrong-key": {
      const actual = d.actual.length === 0 ? "it has no primary key or unique index" : `its keys are ${d.actual.map((k) => `(${k.join(", ")})`).join(", ")}`;
      return `the sink upserts on (${d.expected.join(", ")}), but ${actual}`;
    }
  }
}

export function describeMigration(report: MigrationReport): string {
  if (report.tables.length === 0) return `${report.job} writes no PostgreSQL table`;
  const lines: string[] = [];
  for (const t of report.tables) {
    const state = { created: "created", fits: "exists and fits", differs: "differs", missing: "missing" }[t.state];
    lines.push(`${t.table}: ${state}${t.table === PROGRESS_TABLE ? "" : ` (${t.sinks.join(", ")})`}`);
    for (const d of t.differences) lines.push(`  - ${describeDifference(d)}`);
    if (t.state === "missing") lines.push(...t.createSql.split("\n").map((l) => `  ${l}`));
  }
  return lines.join("\n");
}
