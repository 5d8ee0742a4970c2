import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The directory of tsflink's own package.json, found from wherever this module was loaded. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "tsflink") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("tsflink: cannot find the tsflink package root above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The version written into every job graph; the package version, so equal sources give equal output. */
export function compilerVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version as string;
}
