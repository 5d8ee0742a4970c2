import * as path from "node:path";
import { Command } from "commander";
import { compilePipeline, writeArtifacts } from "../compile.js";
import { FlinkRestClient } from "../flink/flink-rest-client.js";
import { compilerVersion } from "../load/package-root.js";
import { down, status, up } from "../../../flink-deploy/local/src/stack.js";
import { CliFailure, output, reportFailure } from "./cli-output.js";
import { resolveEndpoints } from "./endpoints.js";
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
    .description("Show the local stack's services")
    .option("--json", "print one JSON object")
    .action(
      action(async (json) => {
        const info = await status();
        output(json).result(info, describeStack(info));
      }),
    );

  program
    .command("submit")
    .description("Compile a pipeline and run it on the Flink cluster (FLINK_REST_URL or the local stack)")
    .argument("<pipeline>", "the pipeline's .ts file")
    .option("-p, --parallelism <n>", "override the pipeline's parallelism", (v) => Number.parseInt(v, 10))
    .option("--json", "print one JSON object")
    .addHelpText("after", "\nExample:\n  tsflink submit pipelines/orders.ts")
    .action(
      action(async (json, file: string, opts: { parallelism?: number }) => {
        const out = output(json);
        const submitted = await submitPipeline(file, out, opts.parallelism ? { parallelism: opts.parallelism } : {});
        out.result({ jobId: submitted.jobId, webUrl: submitted.webUrl }, `submitted ${submitted.jobName}: ${submitted.jobId}\n${submitted.webUrl}`);
      }),
    );

  program
    .command("list")
    .description("List the cluster's jobs")
    .option("--json", "print one JSON object")
    .action(
      action(async (json) => {
        const client = new FlinkRestClient((await resolveEndpoints()).flinkRestUrl);
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
    .action(
      action(async (json, jobId: string) => {
        if (!/^[0-9a-f]{32}$/.test(jobId)) throw new CliFailure(`'${jobId}' is not a Flink job id (32 hexadecimal digits)`, 2);
        const client = new FlinkRestClient((await resolveEndpoints()).flinkRestUrl);
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
    const code = (e as { exitCode?: number }).exitCode;
    if (typeof code === "number") {
      process.exitCode = code;
      return;
    }
    throw e;
  }
}
