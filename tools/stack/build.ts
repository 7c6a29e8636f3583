import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import type { Logger } from "../../lib/logger";
import { type ManagedProcess, startProcess } from "./processes";

const SOURCE_DIRS = ["app", "components", "lib", "jobs"];

function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "generated" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));

  return newest;
}

/**
 * Runs `next build` when there is no build yet or the sources changed since the last one.
 * The build runs as a tracked child (not spawnSync) so Ctrl-C during a build still stops it.
 */
export async function ensureBuild(
  root: string,
  env: NodeJS.ProcessEnv,
  log: Logger,
  track: (proc: ManagedProcess) => void,
) {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSourceMtime(root)) return;

  log.info("building the web app (first start or sources changed)");
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const build = startProcess("build", process.execPath, [nextBin, "build"], env);
  track(build);
  if ((await build.exited) !== 0) throw new Error("`next build` failed; see the errors above.");
}
