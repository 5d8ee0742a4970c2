/** Why one service could not be started, and where to read more. */
export class ServiceError extends Error {
  constructor(
    readonly service: string,
    readonly reason: string,
    /** The files that explain the failure, most useful first; empty for a service taken from the environment. */
    readonly logs: readonly string[],
    /** The lines of those files that show the cause, when they could be picked out. */
    readonly evidence?: string,
  ) {
    const where = logs.length > 0 ? ` (log: ${logs.join(", ")})` : "";
    const excerpt = evidence ? `\n${evidence.replace(/^/gm, "    ")}` : "";
    super(`${service}: ${reason}${where}${excerpt}`);
    this.name = "ServiceError";
  }
}

/** What `up` throws: one line per service that failed, each naming the service, the reason and its log. */
export class StackError extends Error {
  constructor(readonly failures: readonly ServiceError[]) {
    super(failures.map((f) => f.message).join("\n"));
    this.name = "StackError";
  }
}

/** A short reason from whatever a failed call threw; fetch hides the useful part (ECONNREFUSED) in `cause`. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return e.message;
}

/**
 * The text with the password of every URL in it replaced by `***` (`postgres://user:***@host`),
 * for messages and logs: a generated password is handed out only through a service's endpoint.
 */
export function hidePasswords(text: string): string {
  return text.replace(/(\b[a-z][\w+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi, "$1***@");
}
