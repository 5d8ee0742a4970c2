import type { ChangeClass, GraphDiff } from "./graph-diff.js";

const HEADINGS: Record<ChangeClass, string> = {
  breaking: "breaking (state would be dropped or unreadable)",
  "compatible-state": "compatible state changes",
  stateless: "stateless changes",
};

/** The diff as a person reads it: grouped by class, each change led by its TS location. */
export function describeDiff(diff: GraphDiff): string {
  if (diff.changes.length === 0) return `no changes between the two versions of ${diff.job.new}`;
  const lines: string[] = [];
  for (const cls of ["breaking", "compatible-state", "stateless"] as const) {
    const changes = diff.changes.filter((c) => c.class === cls);
    if (changes.length === 0) continue;
    lines.push(`${HEADINGS[cls]}:`);
    for (const c of changes) {
      const where = c.location ? `${c.location.file}:${c.location.line}:${c.location.column}` : "job";
      lines.push(`  ${where} - ${c.message} [${c.code}]`);
    }
  }
  const count = (cls: ChangeClass) => diff.changes.filter((c) => c.class === cls).length;
  lines.push(`${count("breaking")} breaking, ${count("compatible-state")} compatible state, ${count("stateless")} stateless`);
  return lines.join("\n");
}
