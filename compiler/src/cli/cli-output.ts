/**
 * Output conventions shared by every command: with `--json`, exactly one JSON object on stdout;
 * without it, human lines. Failures exit non-zero with a one-line reason on stderr (and, with
 * `--json`, `{"error": …}` on stdout so scripts can parse either way).
 */
import { hidePasswords } from "../../../flink-deploy/local/src/stack-error.js";

export class CliFailure extends Error {
  constructor(message: string, readonly exitCode = 1, readonly details?: string) {
    super(message);
  }
}

export interface Output {
  readonly json: boolean;
  result(value: object, human: string): void;
  progress(line: string): void;
}

export function output(json: boolean): Output {
  return {
    json,
    result(value, human) {
      // Service URLs may carry credentials (PostgreSQL's); what the CLI prints ends up in
      // terminals and CI logs, so they are masked here. Programs get them from the stack API.
      const text = json ? JSON.stringify(value) + "\n" : human.endsWith("\n") ? human : human + "\n";
      process.stdout.write(hidePasswords(text));
    },
    progress(line) {
      if (!json && process.stderr.isTTY) process.stderr.write(`… ${line}\n`);
    },
  };
}

export function reportFailure(error: unknown, json: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  const [first = message, ...rest] = message.split("\n");
  // A multi-line error (a failed Maven build) keeps its lines as details above the one-line reason.
  const failure = error instanceof CliFailure ? error : new CliFailure(first, 1, rest.join("\n").trim() || undefined);
  const oneLine = failure.message.split("\n")[0] ?? failure.message;
  if (failure.details) process.stderr.write(hidePasswords(failure.details.endsWith("\n") ? failure.details : failure.details + "\n"));
  process.stderr.write(hidePasswords(`tsflink: ${oneLine}\n`));
  if (json) process.stdout.write(hidePasswords(JSON.stringify({ error: oneLine })) + "\n");
  return failure.exitCode;
}
