/**
 * Output conventions shared by every command: with `--json`, exactly one JSON object on stdout;
 * without it, human lines. Failures exit non-zero with a one-line reason on stderr (and, with
 * `--json`, `{"error": …}` on stdout so scripts can parse either way). Progress of long
 * operations is a spinner on stderr, shown only on a terminal and never with `--json`.
 */
import { hidePasswords } from "../../../flink-deploy/local/src/stack-error.js";

export class CliFailure extends Error {
  /** `data`: more fields of the `--json` object, beside `error` (a failed compile's diagnostics). */
  constructor(message: string, readonly exitCode = 1, readonly details?: string, readonly data?: object) {
    super(message);
  }
}

/** Exit codes every command uses; `diff` and `upgrade` add BREAKING. */
export const EXIT = { ok: 0, failure: 1, usage: 2, breaking: 3 } as const;

export interface Output {
  readonly json: boolean;
  result(value: object, human: string): void;
  /** What the command is waiting for now; replaces the previous line. */
  progress(line: string): void;
  /** Clears the progress line (before printing anything else to the terminal). */
  done(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * A spinner in twenty lines rather than a library: all it does is redraw one stderr line with
 * `\r` and an ANSI erase-line, which every terminal understands; `ora` would add a dozen
 * packages for colours and Windows consoles this command does not need.
 */
function spinner(stream: NodeJS.WriteStream): { show(line: string): void; clear(): void } {
  let text = "";
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${hidePasswords(text)}`);
  return {
    show(line) {
      text = line;
      draw();
      // unref: a spinner must never keep the process alive after the work is done.
      timer ??= setInterval(draw, 80).unref();
    },
    clear() {
      if (timer === undefined) return;
      clearInterval(timer);
      timer = undefined;
      stream.write("\r\x1b[2K");
    },
  };
}

export function output(json: boolean): Output {
  const live = !json && process.stderr.isTTY === true ? spinner(process.stderr) : undefined;
  return {
    json,
    result(value, human) {
      live?.clear();
      // Service URLs may carry credentials (PostgreSQL's); what the CLI prints ends up in
      // terminals and CI logs, so they are masked here. Programs get them from the stack API.
      const text = json ? JSON.stringify(value) + "\n" : human.endsWith("\n") ? human : human + "\n";
      process.stdout.write(hidePasswords(text));
    },
    progress(line) {
      live?.show(line);
    },
    done() {
      live?.clear();
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
  if (json) process.stdout.write(hidePasswords(JSON.stringify({ error: oneLine, ...failure.data })) + "\n");
  return failure.exitCode;
}
