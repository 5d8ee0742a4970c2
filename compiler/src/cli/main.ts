import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { compilePipeline, writeArtifacts, type CompileResult } from "../compile.js";
import { checkInHarness } from "../harness/harness-check.js";
import { renderDot } from "../graph-view/dot-renderer.js";
import { renderMermaid } from "../graph-view/mermaid-renderer.js";
import { renderSvg } from "../graph-view/svg-renderer.js";
import { compilerVersion } from "../load/package-root.js";
import { down, status, up } from "../../../flink-deploy/local/src/stack.js";
import { resolveConfig, SETTINGS, stackEnvironment, type ResolvedConfig } from "../config/settings.js";
import type { FlinkRestClient } from "../flink/flink-rest-client.js";
import type { JobGraph } from "../ir/graph-nodes.js";
import { CliFailure, EXIT, output, reportFailure, type Output } from "./cli-output.js";
import { configReport, describeConfigReport } from "./config-command.js";
import { flinkClient } from "./endpoints.js";
import { awaitSavepoint, checkJobId, describeJobStatus, jobStatus } from "./job-commands.js";
import { awaitJobEnd, submitPipeline } from "./submit-command.js";
import { upgradeJob } from "./upgrade-command.js";
import { describeMigration, migrate } from "./migrate-command.js";
import { diffGraphs } from "../diff/graph-diff.js";
import { describeDiff } from "../diff/diff-report.js";
import { GraphInputError, loadGraph } from "../diff/graph-input.js";

/** What every command's action gets: output conventions and the configuration, resolved on first use. */
interface Context {
  readonly json: boolean;
  readonly out: Output;
  config(): Promise<ResolvedConfig>;
  client(): Promise<FlinkRestClient>;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

/** The `tsflink` command: wiring only; every capability lives in its own module. */
export function buildCli(): Command {
  const program = new Command("tsflink")
    .description("Compile TypeScript pipelines to Apache Flink jobs, and run them")
    .version(compilerVersion())
    .showHelpAfterError()
    .exitOverride();

  program
    .option("--profile <name>", "profile of tsflink.config.ts to use (default: TSFLINK_PROFILE, then the file's defaultProfile)")
    .option(`${SETTINGS.flinkRestUrl.flag} <url>`, `Flink REST URL (default: ${SETTINGS.flinkRestUrl.env}, the profile, the local stack)`)
    .option(`${SETTINGS.kafkaBootstrapServers.flag} <servers>`, `Kafka bootstrap servers (default: ${SETTINGS.kafkaBootstrapServers.env}, the profile, the local stack)`)
    .option(`${SETTINGS.pgUrl.flag} <url>`, `PostgreSQL URL (default: ${SETTINGS.pgUrl.env}, the profile, the local stack)`)
    .option(`${SETTINGS.mongodbUri.flag} <uri>`, `MongoDB URI (default: ${SETTINGS.mongodbUri.env}, the profile, the local stack)`)
    .option(`${SETTINGS.redisUrl.flag} <url>`, `Redis URL (default: ${SETTINGS.redisUrl.env}, the profile, the local stack)`)
    .addHelpText(
      "after",
      "\nSettings come from flags, then the environment, then the profile of tsflink.config.ts, then the local stack.\n" +
        "Exit codes: 0 ok, 1 failure, 2 usage error, 3 breaking change (diff, upgrade).\n\nExamples:\n  tsflink compile pipelines/orders.ts\n  tsflink --profile prod submit pipelines/orders.ts\n  tsflink config",
    );

  const action =
    <A extends unknown[]>(run: (ctx: Context, ...args: A) => Promise<void>) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const opts = command.optsWithGlobals();
      const json = Boolean(opts["json"]);
      const out = output(json);
      let resolved: Promise<ResolvedConfig> | undefined;
      const ctx: Context = {
        json,
        out,
        config: () =>
          (resolved ??= resolveConfig({
            profile: opts["profile"] as string | undefined,
            flags: {
              flinkRestUrl: opts["flinkUrl"] as string | undefined,
              kafkaBootstrapServers: opts["kafka"] as string | undefined,
              pgUrl: opts["pgUrl"] as string | undefined,
              mongodbUri: opts["mongodbUri"] as string | undefined,
              redisUrl: opts["redisUrl"] as string | undefined,
              parallelism: opts["parallelism"] as number | undefined,
              checkpointDir: opts["checkpointDir"] as string | undefined,
              savepointDir: opts["dir"] as string | undefined,
            },
          })),
        client: async () => flinkClient(await ctx.config()),
      };
      try {
        await run(ctx, ...(args.slice(0, -1) as A));
      } catch (e) {
        out.done();
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
      action(async ({ json }, file: string, opts: { out: string }) => {
        const started = performance.now();
        const result = compilePipeline(pipelineFile(file, "compile"));
        if (!result.graph) throw compileFailure(file, result);
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
    .description("Type-check and validate pipelines, and have the harness load them and compile their code, writing nothing (for a pre-commit hook)")
    .argument("<pipelines...>", "the pipelines' .ts files")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink check pipelines/orders.ts pipelines/ops-check.ts")
    .action(
      action(async ({ out }, files: string[]) => {
        for (const file of files) pipelineFile(file, "check");
        const checked = checkInHarness(files.map((file) => compilePipeline(file)), process.cwd());
        const results = files.map((file, i) => ({ file, result: checked[i]! }));
        // Warnings are printed but pass: a pre-commit hook must not block on them.
        const errorsOf = (r: (typeof results)[number]) => r.result.diagnostics.filter((d) => d.category === "error").length;
        const failed = results.filter((r) => errorsOf(r) > 0 || !r.result.graph);
        const reports = results.map((r) => r.result.report).join("");
        if (failed.length > 0) {
          const errors = failed.reduce((n, r) => n + errorsOf(r), 0);
          const which = failed.length === 1 ? path.basename(failed[0]!.file) : `${failed.length} of ${files.length} pipelines`;
          throw new CliFailure(`${which}: ${errors} error${errors === 1 ? "" : "s"}`, 1, reports, { diagnostics: results.flatMap((r) => r.result.records) });
        }
        if (reports !== "") process.stderr.write(reports);
        out.result(
          { pipelines: results.map((r) => ({ file: r.file, job: r.result.graph!.job.name, nodes: r.result.graph!.nodes.length, warnings: r.result.diagnostics.length })) },
          results.map((r) => `${r.file}: ok (${r.result.graph!.job.name}, ${r.result.graph!.nodes.length} nodes${r.result.diagnostics.length > 0 ? `, ${r.result.diagnostics.length} warnings` : ""})`).join("\n"),
        );
      }),
    );

  program
    .command("migrate")
    .description("Create the PostgreSQL tables a pipeline's postgres sinks write, or say how existing ones differ")
    .argument("<pipeline>", "the pipeline's .ts file")
    .option("--check", "create nothing; exit 1 when a table is missing or differs")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink migrate pipelines/orders.ts\n  tsflink migrate pipelines/orders.ts --check --json")
    .action(
      action(async (ctx, file: string, opts: { check?: boolean }) => {
        const result = compilePipeline(pipelineFile(file, "migrate"));
        if (!result.graph) throw compileFailure(file, result);
        const report = await migrate(result.graph, (await ctx.config()).settings.pgUrl.value!, { check: opts.check ?? false });
        ctx.out.result(report, describeMigration(report));
        if (!report.ok) process.exitCode = EXIT.failure;
      }),
    );

  program
    .command("graph")
    .description("Draw a pipeline's job graph (sources, operators with their TS locations, keys, windows, state, sinks) as Mermaid, Graphviz DOT or SVG")
    .argument("<pipeline>", "the pipeline's .ts file, or a compiled .jobgraph.json")
    .addOption(new Option("--format <format>", "picture format (svg lays DOT out with Graphviz, installed on first use)").choices(["mermaid", "dot", "svg"]).default("mermaid"))
    .option("-o, --out <file>", "write the picture to this file instead of stdout")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  tsflink graph pipelines/orders.ts\n  tsflink graph pipelines/orders.ts --format svg -o orders.svg\n  tsflink graph build/orders.jobgraph.json --format dot | dot -Tpng > orders.png",
    )
    .action(
      action(async ({ json, out }, file: string, opts: { format: "mermaid" | "dot" | "svg"; out?: string }) => {
        const graph = loadGraphOrFail(file);
        if (opts.format === "svg") out.progress("laying the graph out with Graphviz");
        const picture = opts.format === "svg" ? await renderSvg(graph, (line) => out.progress(line)) : opts.format === "dot" ? renderDot(graph) : renderMermaid(graph);
        if (opts.out) {
          fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
          fs.writeFileSync(opts.out, picture);
          out.result({ file: opts.out, format: opts.format, job: graph.job.name }, opts.out);
        } else if (json) {
          out.result({ format: opts.format, job: graph.job.name, graph: picture }, picture);
        } else {
          out.done();
          process.stdout.write(picture);
        }
      }),
    );

  program
    .command("config")
    .description("Print the resolved settings, each with where it came from (flag, environment, profile, default); passwords masked")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink config\n  tsflink config --profile prod --json\n  FLINK_REST_URL=http://flink:8081 tsflink config")
    .action(
      action(async ({ out, config }) => {
        const report = configReport(await config());
        out.result(report, describeConfigReport(report));
      }),
    );

  program
    .command("diff")
    .description("Compare two versions of a pipeline and classify every change: stateless, compatible state change, or breaking (state dropped or unreadable)")
    .argument("<old>", "the old version: a pipeline .ts or a compiled .jobgraph.json")
    .argument("<new>", "the new version: a pipeline .ts or a compiled .jobgraph.json")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExit codes: 0 no breaking change, 3 a breaking change, 1 an input could not be read.\n\nExamples:\n  tsflink diff build/orders.jobgraph.json pipelines/orders.ts\n  git show HEAD~1:pipelines/orders.ts > /tmp/orders-old.ts && tsflink diff /tmp/orders-old.ts pipelines/orders.ts --json",
    )
    .action(
      action(async ({ out }, oldFile: string, newFile: string) => {
        const diff = diffGraphs(loadGraphOrFail(oldFile), loadGraphOrFail(newFile));
        out.result(diff, describeDiff(diff));
        if (diff.breaking) process.exitCode = EXIT.breaking;
      }),
    );

  program
    .command("upgrade")
    .description("Replace a running job by a new version of its pipeline, keeping its state: diff, stop with a savepoint, submit from it")
    .argument("<jobId>", "the running job's id, as `tsflink list` shows it")
    .argument("<pipeline>", "the new version's .ts file")
    .option("--allow-state-loss", "go ahead even when the diff finds breaking changes (their state is dropped)")
    .option("--drain", "let windows and timers fire before the savepoint (see `stop --drain`)")
    .option("--dir <dir>", "where to write the savepoint (default: TSFLINK_SAVEPOINT_DIR, the profile's savepointDir, the cluster's)")
    .option("--json", "print one JSON object")
    .addHelpText(
      "after",
      "\nExit codes: 0 upgraded, 3 refused because of a breaking change, 1 failed.\n\nExamples:\n  tsflink upgrade 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a pipelines/orders.ts\n  tsflink upgrade 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a pipelines/orders.ts --allow-state-loss --json",
    )
    .action(
      action(async ({ out, config, client }, jobId: string, file: string, opts: { allowStateLoss?: boolean; drain?: boolean }) => {
        checkJobId(jobId);
        const result = await upgradeJob(await client(), jobId, file, out, await config(), { allowStateLoss: opts.allowStateLoss === true, drain: opts.drain === true });
        if (result.jobId === null) {
          out.result(result, `${describeDiff(result.diff)}\nrefused: breaking changes would lose state; ${jobId} keeps running (pass --allow-state-loss to upgrade anyway)`);
          process.exitCode = EXIT.breaking;
          return;
        }
        out.result(result, `${describeDiff(result.diff)}\nsavepoint ${result.savepoint}\nupgraded ${jobId} → ${result.jobId}`);
      }),
    );

  program
    .command("up")
    .description("Start the local stack (Flink, Kafka, PostgreSQL, Redis, MongoDB wire server) and wait until each answers")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nA service whose URL a flag, the environment or the profile names is used instead of started.\n\nExamples:\n  tsflink up\n  PG_URL=postgres://app:secret@db:5432/app tsflink up --json")
    .action(
      action(async ({ json, out, config }) => {
        const info = await up({ env: stackEnvironment(await config()), onProgress: (line) => out.progress(line) });
        out.result(info, describeStack(info));
      }),
    );

  program
    .command("down")
    .description("Stop what `tsflink up` started")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink down")
    .action(
      action(async ({ out, config }) => {
        const info = await down({ env: stackEnvironment(await config()) });
        out.result(info, "local stack stopped");
      }),
    );

  program
    .command("status")
    .description("Show a job's state, checkpoints, restarts and per-operator records; without a job id, the local stack's services")
    .argument("[jobId]", "the job's id, as `tsflink list` shows it")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink status 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a\n  tsflink status")
    .action(
      action(async ({ out, config, client }, jobId: string | undefined) => {
        if (jobId === undefined) {
          const info = await status({ env: stackEnvironment(await config()) });
          out.result(info, describeStack(info));
          return;
        }
        checkJobId(jobId);
        const job = await jobStatus(await client(), jobId);
        out.result(job, describeJobStatus(job));
      }),
    );

  program
    .command("savepoint")
    .description("Take a savepoint of a running job and print its path")
    .argument("<jobId>", "the job's id, as `tsflink list` shows it")
    .option("--dir <dir>", "where to write it (default: TSFLINK_SAVEPOINT_DIR, the profile's savepointDir, the cluster's)")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink savepoint 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a --dir file:///var/flink/savepoints")
    .action(
      action(async ({ out, config, client }, jobId: string) => {
        checkJobId(jobId);
        const flink = await client();
        const dir = (await config()).settings.savepointDir.value;
        const trigger = await flink.triggerSavepoint(jobId, dir);
        const savepoint = await awaitSavepoint(flink, jobId, trigger, out, "savepoint");
        out.result({ jobId, savepoint }, savepoint);
      }),
    );

  program
    .command("stop")
    .description("Stop a job with a savepoint (to resume it later with `submit --from-savepoint`)")
    .argument("<jobId>", "the job's id, as `tsflink list` shows it")
    .requiredOption("--savepoint", "take a savepoint while stopping (required: to stop without one, use `tsflink cancel`)")
    .option("--drain", "let sources end and event time reach its end first, firing every timer and window")
    .option("--dir <dir>", "where to write it (default: TSFLINK_SAVEPOINT_DIR, the profile's savepointDir, the cluster's)")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink stop 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a --savepoint")
    .action(
      action(async ({ out, config, client }, jobId: string, opts: { drain?: boolean }) => {
        checkJobId(jobId);
        const flink = await client();
        const dir = (await config()).settings.savepointDir.value;
        const trigger = await flink.stopWithSavepoint(jobId, { drain: opts.drain === true, ...(dir ? { targetDirectory: dir } : {}) });
        const savepoint = await awaitSavepoint(flink, jobId, trigger, out, opts.drain ? "stop with savepoint, draining" : "stop with savepoint");
        out.result({ jobId, stopped: true, savepoint }, `stopped ${jobId}\n${savepoint}`);
      }),
    );

  program
    .command("submit")
    .description("Compile a pipeline and run it on the Flink cluster (FLINK_REST_URL or the local stack)")
    .argument("<pipeline>", "the pipeline's .ts file")
    .option("-p, --parallelism <n>", "override the pipeline's parallelism (default: TSFLINK_PARALLELISM, the profile)", positiveInteger)
    .option("--checkpoint-dir <dir>", "the job's checkpoint directory (default: TSFLINK_CHECKPOINT_DIR, the profile, the cluster's)")
    .option("--from-savepoint <path>", "restore the job's state from this savepoint (as `stop --savepoint` printed it)")
    .option("--allow-non-restored-state", "with --from-savepoint: start even if the savepoint holds state of operators the pipeline no longer has")
    // With both --detached and --no-detached declared, commander sets no default: give it here.
    .option("--detached", "return once the job runs (the default)", true)
    .option("--no-detached", "wait until the job ends; exit 1 unless it FINISHED (bounded inputs, CI)")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExamples:\n  tsflink submit pipelines/orders.ts\n  tsflink submit pipelines/orders.ts --from-savepoint file:/var/flink/savepoints/savepoint-5f3c0b-1a2b3c4d5e6f\n  tsflink submit pipelines/orders.ts --no-detached --json")
    .action(
      action(async ({ out, config }, file: string, opts: { fromSavepoint?: string; allowNonRestoredState?: boolean; detached: boolean }) => {
        if (opts.allowNonRestoredState && !opts.fromSavepoint) throw new CliFailure("--allow-non-restored-state needs --from-savepoint", 2);
        const resolved = await config();
        const submitted = await submitPipeline(pipelineFile(file, "submit"), out, resolved, {
          ...(opts.fromSavepoint ? { savepointPath: opts.fromSavepoint, allowNonRestoredState: opts.allowNonRestoredState === true } : {}),
        });
        if (opts.detached) {
          out.result({ jobId: submitted.jobId, webUrl: submitted.webUrl }, `submitted ${submitted.jobName}: ${submitted.jobId}\n${submitted.webUrl}`);
          return;
        }
        const state = await awaitJobEnd(flinkClient(resolved), submitted.jobId, out);
        const summary = { jobId: submitted.jobId, webUrl: submitted.webUrl, state };
        if (state !== "FINISHED") {
          throw new CliFailure(`${submitted.jobName} ${submitted.jobId} ended ${state}; \`tsflink status ${submitted.jobId}\` shows why`, 1);
        }
        out.result(summary, `${submitted.jobName} ${submitted.jobId} FINISHED`);
      }),
    );

  program
    .command("list")
    .description("List the cluster's jobs")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink list --json")
    .action(
      action(async ({ out, client }) => {
        const jobs = await (await client()).listJobs();
        const lines = jobs.map((j) => `${j.jobId}  ${j.state.padEnd(10)}  ${j.name}`);
        out.result({ jobs }, lines.length > 0 ? lines.join("\n") : "no jobs");
      }),
    );

  program
    .command("cancel")
    .description("Cancel a running job")
    .argument("<jobId>", "the job's id, as `tsflink list` shows it")
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink cancel 5f3c0b1e9a7d4c2e8b6a1d0f9e8c7b6a")
    .action(
      action(async ({ out, client }, jobId: string) => {
        checkJobId(jobId);
        await (await client()).cancel(jobId);
        out.result({ jobId, cancelled: true }, `cancelled ${jobId}`);
      }),
    );

  return program;
}

/**
 * A pipeline argument that names no file is a usage error (exit 2) saying how to name one, not the
 * file system's EISDIR or ENOENT.
 */
function pipelineFile(file: string, command: string): string {
  const example = command === "check" ? "tsflink check pipelines/*.ts" : `tsflink ${command} pipelines/orders.ts`;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new CliFailure(`${file} does not exist; pass a pipeline's .ts file: ${example}`, EXIT.usage);
  if (stat.isDirectory()) throw new CliFailure(`${file} is a directory; pass the pipeline files in it: ${example}`, EXIT.usage);
  return file;
}

/** A refused compile: the one-line reason, the diagnostics as tsc prints them, and as data for `--json`. */
function compileFailure(file: string, result: CompileResult): CliFailure {
  const errors = result.diagnostics.filter((d) => d.category === "error").length;
  return new CliFailure(`${path.basename(file)} did not compile (${errors} error${errors === 1 ? "" : "s"})`, 1, result.report, { diagnostics: result.records });
}

/** A graph to compare, or a failure that keeps a pipeline's diagnostics as details. */
function loadGraphOrFail(file: string): JobGraph {
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliFailure(`${file} is a directory; pass a pipeline's .ts file or a compiled .jobgraph.json`, EXIT.usage);
  }
  try {
    return loadGraph(file);
  } catch (e) {
    if (e instanceof GraphInputError) throw new CliFailure(e.message, 1, e.details);
    throw e;
  }
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
