import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { compilePipeline, writeArtifacts } from "../compile.js";
import { renderDot } from "../graph-view/dot-renderer.js";
import { renderMermaid } from "../graph-view/mermaid-renderer.js";
import { compilerVersion } from "../load/package-root.js";
import { down, status, up } from "../../../flink-deploy/local/src/stack.js";
import { CliFailure, output, reportFailure } from "./cli-output.js";
import { flinkClient } from "./endpoints.js";
import { awaitSavepoint, checkJobId, describeJobStatus, jobStatus } from "./job-commands.js";
import { submitPipeline } from "./submit-command.js";

/** The `tsflink` command: wiring only; every capability lives in its own module. */
export function buildCli(): Command {
  const program = new Command("tsflink")
    .description("Compile TypeScript pipelines to Apache Flink jobs, and run them")
    .version(compilerVersion())
    .showHelpAfterError()
    .exitOverride();

  const action =
    <A extends unknown[]>(run: (json: boolean, ...args: A) => Promise<void>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const json = Boolean(command.opts()["json"]);
      try {
        await run(json, ...(args.slice(0, -1) as A));
      } catch (e) {
        process.exitCode = reportFailure(e, json);
      }
    };

  program
    .command("compile")
    .description("Compile a pipeline to its job-graph JSON and Avro schemas")
    .argument("<pipeline>", "the pipeline's .ts file")
    .option("-o, --out <dir>", "output directory", "build")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink compile pipelines/orders.ts -o build/")
    .action(
      action(async (json, file: string, opts: { out: string }) => {
        const started = performance.now();
        const result = compilePipeline(file);
        if (!result.graph) throw new CliFailure(`${path.basename(file)} did not compile (${result.diagnostics.length} error${result.diagnostics.length === 1 ? "" : "s"})`, 1, result.report);
        const written = writeArtifacts(result, opts.out);
        const ms = Math.round(performance.now() - started);
        output(json).result(
          { jobGraph: written.jobGraph, schemas: written.schemas, job: result.graph.job.name, nodes: result.graph.nodes.length, millis: ms },
          `${written.jobGraph}\n${written.schemas.join("\n")}\ncompiled ${result.graph.job.name} (${result.graph.nodes.length} nodes) in ${ms} ms`,
        );
      }),
    );

  program
    .command("check")
    .description("Type-check and validate pipelines without writing anything (for a pre-commit hook)")
    .argument("<pipelines...>", "the pipelines' .ts files")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink check pipelines/orders.ts pipelines/ops-check.ts")
    .action(
      action(async (json, files: string[]) => {
        const results = files.map((file) => ({ file, result: compilePipeline(file) }));
        const failed = results.filter((r) => r.result.diagnostics.length > 0);
        const errors = failed.reduce((n, r) => n + r.result.diagnostics.length, 0);
        if (failed.length > 0) {
          const which = failed.length === 1 ? path.basename(failed[0]!.file) : `${failed.length} of ${files.length} pipelines`;
          throw new CliFailure(`${which}: ${errors} error${errors === 1 ? "" : "s"}`, 1, failed.map((r) => r.result.report).join(""));
        }
        output(json).result(
          { pipelines: results.map((r) => ({ file: r.file, job: r.result.graph!.job.name, nodes: r.result.graph!.nodes.length })) },
          results.map((r) => `${r.file}: ok (${r.result.graph!.job.name}, ${r.result.graph!.nodes.length} nodes)`).join("\n"),
        );
      }),
    );

  program
    .command("graph")
    .description("Draw a pipeline's job graph as Mermaid or Graphviz DOT")
    .argument("<pipeline>", "the pipeline's .ts file")
    .addOption(new Option("--format <format>", "picture format").choices(["mermaid", "dot"]).default("mermaid"))
    .option("-o, --out <file>", "write the picture to this file instead of stdout")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink graph pipelines/orders.ts\n  tsflink graph pipelines/orders.ts --format dot -o orders.dot && dot -Tsvg orders.dot > orders.svg")
    .action(
      action(async (json, file: string, opts: { format: "mermaid" | "dot"; out?: string }) => {
        const result = compilePipeline(file);
        if (!result.graph) throw new CliFailure(`${path.basename(file)} did not compile (${result.diagnostics.length} error${result.diagnostics.length === 1 ? "" : "s"})`, 1, result.report);
        const picture = opts.format === "dot" ? renderDot(result.graph) : renderMermaid(result.graph);
        if (opts.out) {
          fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
          fs.writeFileSync(opts.out, picture);
          output(json).result({ file: opts.out, format: opts.format, job: result.graph.job.name }, opts.out);
        } else if (json) {
          output(json).result({ format: opts.format, job: result.graph.job.name, graph: picture }, picture);
        } else {
          process.stdout.write(picture);
        }
      }),
    );

  program
    .command("up")
    .description("Start the local stack (Flink, Kafka, PostgreSQL, Redis, MongoDB wire server) and wait until each answers")
    .option("--json", "print one JSON object")
    .action(
      action(async (json) => {
        const info = await up();
        output(json).result(info, describeStack(info));
      }),
    );

  program
    .command("down")
    .description("Stop what `tsflink up` started")
    .option("--json", "print one JSON object")
    .action(
      action(async (json) => {
        const info = await down();
        output(json).result(info, "local stack stopped");
      }),
    );

  program
    .command("status")
    .description("Show a job's state, checkpoints, restarts and per-operator records; without a job id, the local stack's services")
    .argument("[jobId]", "the job's id, as `tsflink list` shows it")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink status 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a\n  tsflink status")
    .action(
      action(async (json, jobId: string | undefined) => {
        if (jobId === undefined) {
          const info = await status();
          output(json).result(info, describeStack(info));
          return;
        }
        checkJobId(jobId);
        const job = await jobStatus(await flinkClient(), jobId);
        output(json).result(job, describeJobStatus(job));
      }),
    );

  program
    .command("savepoint")
    .description("Take a savepoint of a running job and print its path")
    .argument("<jobId>", "the job's id, as `tsflink list` shows it")
    .option("--dir <dir>", "where to write it (default: the cluster's execution.checkpointing.savepoint-dir)")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink savepoint 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a --dir file:///var/flink/savepoints")
    .action(
      action(async (json, jobId: string, opts: { dir?: string }) => {
        checkJobId(jobId);
        const client = await flinkClient();
        const out = output(json);
        const trigger = await client.triggerSavepoint(jobId, opts.dir);
        const savepoint = await awaitSavepoint(client, jobId, trigger, out, "savepoint");
        out.result({ jobId, savepoint }, savepoint);
      }),
    );

  program
    .command("stop")
    .description("Stop a job with a savepoint (to resume it later with `submit --from-savepoint`)")
    .argument("<jobId>", "the job's id, as `tsflink list` shows it")
    .requiredOption("--savepoint", "take a savepoint while stopping (required: to stop without one, use `tsflink cancel`)")
    .option("--drain", "let sources end and event time reach its end first, firing every timer and window")
    .option("--dir <dir>", "where to write it (default: the cluster's execution.checkpointing.savepoint-dir)")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink stop 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a --savepoint")
    .action(
      action(async (json, jobId: string, opts: { drain?: boolean; dir?: string }) => {
        checkJobId(jobId);
        const client = await flinkClient();
        const out = output(json);
        const trigger = await client.stopWithSavepoint(jobId, { drain: opts.drain === true, ...(opts.dir ? { targetDirectory: opts.dir } : {}) });
        const savepoint = await awaitSavepoint(client, jobId, trigger, out, "stop with savepoint");
        out.result({ jobId, stopped: true, savepoint }, `stopped ${jobId}\n${savepoint}`);
      }),
    );

  program
    .command("submit")
    .description("Compile a pipeline and run it on the Flink cluster (FLINK_REST_URL or the local stack)")
    .argument("<pipeline>", "the pipeline's .ts file")
    .option("-p, --parallelism <n>", "override the pipeline's parallelism", (v) => Number.parseInt(v, 10))
    .option("--from-savepoint <path>", "restore the job's state from this savepoint (as `stop --savepoint` printed it)")
    .option("--allow-non-restored-state", "with --from-savepoint: start even if the savepoint holds state of operators the pipeline no longer has")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink submit pipelines/orders.ts\n  tsflink submit pipelines/orders.ts --from-savepoint file:/var/flink/savepoints/savepoint-5f3c0b-1a2b3c4d5e6f")
    .action(
      action(async (json, file: string, opts: { parallelism?: number; fromSavepoint?: string; allowNonRestoredState?: boolean }) => {
        if (opts.allowNonRestoredState && !opts.fromSavepoint) throw new CliFailure("--allow-non-restored-state needs --from-savepoint", 2);
        const out = output(json);
        const submitted = await submitPipeline(file, out, {
          ...(opts.parallelism ? { parallelism: opts.parallelism } : {}),
          ...(opts.fromSavepoint ? { savepointPath: opts.fromSavepoint, allowNonRestoredState: opts.allowNonRestoredState === true } : {}),
        });
        out.result({ jobId: submitted.jobId, webUrl: submitted.webUrl }, `submitted ${submitted.jobName}: ${submitted.jobId}\n${submitted.webUrl}`);
      }),
    );

  program
    .command("list")
    .description("List the cluster's jobs")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink list --json")
    .action(
      action(async (json) => {
        const client = await flinkClient();
        const jobs = await client.listJobs();
        const lines = jobs.map((j) => `${j.jobId}  ${j.state.padEnd(10)}  ${j.name}`);
        output(json).result({ jobs }, lines.length > 0 ? lines.join("\n") : "no jobs");
      }),
    );

  program
    .command("cancel")
    .description("Cancel a running job")
    .argument("<jobId>", "the job's id, as `tsflink list` shows it")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink cancel 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a")
    .action(
      action(async (json, jobId: string) => {
        checkJobId(jobId);
        const client = await flinkClient();
        await client.cancel(jobId);
        output(json).result({ jobId, cancelled: true }, `cancelled ${jobId}`);
      }),
    );

  return program;
}

function describeStack(info: { services: Record<string, Record<string, unknown>> }): string {
  return Object.entries(info.services)
    .map(([name, s]) => {
      const address = String(s["restUrl"] ?? s["bootstrapServers"] ?? s["url"] ?? s["uri"] ?? "");
      const state = s["state"] === undefined ? "" : `${String(s["state"])}  `;
      const origin = s["source"] === "environment" ? "from the environment" : s["pid"] === undefined ? "" : `pid ${String(s["pid"])}`;
      const detail = s["detail"] === undefined ? "" : `  ${String(s["detail"])}`;
      const log = s["log"] === undefined ? "" : `\n         log ${String(s["log"])}`;
      return `${name.padEnd(8)} ${state}${address}  ${origin}${detail}${log}`;
    })
    .join("\n");
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // Commander has already printed its message (and help) on stderr. Help and --version exit 0;
    // anything else it refuses is a usage error: exit 2, and with --json one JSON object too.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
    if (e.exitCode !== 0 && argv.includes("--json")) process.stdout.write(JSON.stringify({ error: e.message.replace(/^error: /, "") }) + "\n");
  }
}
