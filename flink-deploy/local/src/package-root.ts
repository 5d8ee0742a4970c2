import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The root of the tsflink checkout: the directory whose package.json is named "tsflink".
 *
 * Found by walking up from this module rather than from a fixed relative path, because the same
 * code runs from `flink-deploy/local/src` (vitest) and from `dist/flink-deploy/local/src` (the CLI).
 */
export function packageRoot(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name === "tsflink") {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`local stack: no tsflink package.json above ${start}`);
  }
}
