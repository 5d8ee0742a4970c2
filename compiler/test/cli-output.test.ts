import { afterEach, describe, expect, it, vi } from "vitest";
import { output } from "../src/cli/cli-output.js";

/** Captures what the CLI writes to stderr and stdout, with stderr posing as a terminal or not. */
function capture(tty: boolean) {
  const err: string[] = [];
  const out: string[] = [];
  const wasTty = process.stderr.isTTY;
  Object.defineProperty(process.stderr, "isTTY", { value: tty, configurable: true });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  return { err, out, restore: () => Object.defineProperty(process.stderr, "isTTY", { value: wasTty, configurable: true }) };
}

describe("progress of long operations", () => {
  let restore = () => {};
  afterEach(() => {
    vi.restoreAllMocks();
    restore();
  });

  it("on a terminal, redraws one spinner line and clears it before the result", () => {
    const c = capture(true);
    restore = c.restore;
    const o = output(false);
    o.progress("stop with savepoint in progress (1 s)");
    o.progress("stop with savepoint in progress (2 s)");
    o.result({ ok: true }, "stopped");
    expect(c.err).toEqual(["\r\x1b[2K⠋ stop with savepoint in progress (1 s)", "\r\x1b[2K⠙ stop with savepoint in progress (2 s)", "\r\x1b[2K"]);
    expect(c.out).toEqual(["stopped\n"]);
  });

  it("masks passwords in progress lines", () => {
    const c = capture(true);
    restore = c.restore;
    const o = output(false);
    o.progress("connecting to postgres://u:hunter2@db/x");
    o.done();
    expect(c.err.join("")).not.toContain("hunter2");
    expect(c.err[0]).toBe("\r\x1b[2K⠋ connecting to postgres://u:***@db/x");
  });

  it("stays quiet with --json and when stderr is not a terminal", () => {
    for (const [json, tty] of [[true, true], [false, false]] as const) {
      const c = capture(tty);
      const o = output(json);
      o.progress("waiting");
      o.result({ jobId: "x" }, "submitted x");
      c.restore();
      vi.restoreAllMocks();
      expect(c.err).toEqual([]);
      expect(c.out).toEqual([json ? '{"jobId":"x"}\n' : "submitted x\n"]);
    }
  });
});
