import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStack, type StackHandle } from "../../flink-deploy/local/src/stack.js";
import { migrate, describeMigration, type MigrationReport } from "../src/cli/migrate-command.js";
import { compilePipeline } from "../src/compile.js";
import type { JobGraph } from "../src/ir/graph-nodes.js";

const root = path.resolve(import.meta.dirname, "../..");
const pipelineFile = path.join(root, "compiler/test/migrate/pipeline.ts");

/** `tsflink migrate` against the local stack's real PostgreSQL, in a schema of its own. */
describe("tsflink migrate", () => {
  let stack: StackHandle;
  let pgUrl: string;
  let client: pg.Client;
  let graph: JobGraph;

  beforeAll(async () => {
    stack = await ensureStack();
    pgUrl = stack.stack.services.postgres.url;
    client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query("drop schema if exists migrate_test cascade");
    const compiled = compilePipeline(pipelineFile, { projectRoot: root });
    expect(compiled.report).toBe("");
    graph = compiled.graph!;
  });

  afterAll(async () => {
    await client?.query("drop schema if exists migrate_test cascade");
    await client?.end();
    await stack?.stop();
  });

  const states = (report: MigrationReport) => Object.fromEntries(report.tables.map((t) => [t.table, t.state]));

  it("creates the tables with the documented column types and the upsert key as primary key", async () => {
    const report = await migrate(graph, pgUrl);
    expect(report.ok).toBe(true);
    expect(states(report)).toEqual({
      "migrate_test.orders_by_id": "created",
      "migrate_test.orders_log": "created",
      // Other tests and pipelines may have created the shared progress table already.
      tsflink_sink_progress: expect.stringMatching(/^(created|fits)$/),
    });
    const columns = await client.query(
      `select attname as name, format_type(atttypid, atttypmod) as type, attnotnull as not_null from pg_attribute
        where attrelid = 'migrate_test.orders_by_id'::regclass and attnum > 0 and not attisdropped order by attnum`,
    );
    expect(columns.rows).toEqual([
      { name: "orderId", type: "text", not_null: true },
      { name: "amount", type: "double precision", not_null: true },
      { name: "quantity", type: "integer", not_null: true },
      { name: "sequence", type: "bigint", not_null: true },
      { name: "paid", type: "boolean", not_null: true },
      { name: "createdAt", type: "timestamp with time zone", not_null: true },
      { name: "status", type: "text", not_null: true },
      { name: "coupon", type: "text", not_null: false },
      { name: "lines", type: "jsonb", not_null: true },
      { name: "shipping", type: "jsonb", not_null: true },
    ]);
    const key = await client.query(
      `select array_agg(a.attname::text) as key from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = 'migrate_test.orders_by_id'::regclass and i.indisprimary`,
    );
    expect(key.rows).toEqual([{ key: ["orderId"] }]);
    const logKey = await client.query("select count(*)::int as n from pg_index where indrelid = 'migrate_test.orders_log'::regclass");
    expect(logKey.rows).toEqual([{ n: 0 }]);
  });

  it("finds existing tables that fit, and changes nothing", async () => {
    const report = await migrate(graph, pgUrl);
    expect(states(report)).toEqual({ "migrate_test.orders_by_id": "fits", "migrate_test.orders_log": "fits", tsflink_sink_progress: "fits" });
    expect(report.ok).toBe(true);
  });

  it("says exactly what differs: a missing column, a wrong type, a not-null optional, an unwritten not-null column, the wrong key", async () => {
    await client.query(`alter table migrate_test.orders_by_id drop column "paid"`);
    await client.query(`alter table migrate_test.orders_by_id alter column "quantity" type bigint`);
    await client.query(`alter table migrate_test.orders_by_id alter column "coupon" set not null`);
    await client.query(`alter table migrate_test.orders_by_id add column "region" text not null`);
    await client.query(`alter table migrate_test.orders_by_id drop constraint orders_by_id_pkey`);
    await client.query(`alter table migrate_test.orders_by_id add primary key ("orderId", "status")`);
    const report = await migrate(graph, pgUrl);
    expect(report.ok).toBe(false);
    expect(states(report)).toEqual({ "migrate_test.orders_by_id": "differs", "migrate_test.orders_log": "fits", tsflink_sink_progress: "fits" });
    expect(describeMigration(report)).toBe(
      [
        "migrate_test.orders_by_id: differs (postgres-sink.migrate_test.orders_by_id)",
        '  - column "quantity" is bigint; the sink writes integer',
        '  - column "paid" is missing; the sink writes boolean',
        '  - column "coupon" is not null, but the field is optional',
        '  - column "region" is not null without a default, and the sink does not write it',
        "  - the sink upserts on (orderId), but its keys are (orderId, status)",
        "migrate_test.orders_log: exists and fits (postgres-sink.migrate_test.orders_log)",
        "tsflink_sink_progress: exists and fits",
      ].join("\n"),
    );
  });

  it("with --check creates nothing and prints the statement a missing table needs; --json gives the report", async () => {
    await client.query("drop table migrate_test.orders_log");
    const cli = path.join(root, "compiler/bin/tsflink.mjs");
    const run = await promisify(execFile)(process.execPath, [cli, "migrate", pipelineFile, "--check", "--json"], {
      cwd: root,
      env: { ...process.env, PG_URL: pgUrl },
    }).catch((e: { code: number; stdout: string }) => e);
    expect("code" in run ? run.code : 0).toBe(1);
    const report = JSON.parse(run.stdout) as MigrationReport;
    expect(states(report)).toEqual({ "migrate_test.orders_by_id": "differs", "migrate_test.orders_log": "missing", tsflink_sink_progress: "fits" });
    expect(report.tables[1]!.createSql).toBe(
      [
        'create table "migrate_test"."orders_log" (',
        '  "orderId" text not null,',
        '  "amount" double precision not null,',
        '  "quantity" integer not null,',
        '  "sequence" bigint not null,',
        '  "paid" boolean not null,',
        '  "createdAt" timestamp with time zone not null,',
        '  "status" text not null,',
        '  "coupon" text,',
        '  "lines" jsonb not null,',
        '  "shipping" jsonb not null',
        ")",
      ].join("\n"),
    );
    const exists = await client.query("select to_regclass('migrate_test.orders_log')::text as t");
    expect(exists.rows).toEqual([{ t: null }]);
  });
});
