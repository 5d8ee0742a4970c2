import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** Tests that run the `tsflink` binary need the compiled output; `tsc -b` is a no-op when current. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(path.join(root, "node_modules/.bin/tsc"), ["-b"], { cwd: root, stdio: "inherit" });
}
