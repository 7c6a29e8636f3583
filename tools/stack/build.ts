import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import type { Logger } from "../../lib/logger";

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

/** Runs `next build` when there is no build yet or the sources changed since the last one. */
export async function ensureBuild(root: string, env: NodeJS.ProcessEnv, log: Logger) {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSourceMtime(root)) return;

  log.info("building the web app (first start or sources changed)");
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`next build` failed; see the errors above.");
}
