import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

import { build, type Plugin } from "esbuild";

import type { Logger } from "../../lib/logger";

/** The runner's entry point, runnable as it is with `node --import tsx` in development. */
export const RUNNER_ENTRY = "jobs/runner.ts";
/**
 * Where the compiled runner goes, relative to the repository. A fixed place (not
 * ROADIE_DATA_DIR): every stack of this checkout (npm start, e2e, chaos, benches) shares it.
 */
export const RUNNER_BUNDLE = ".data/build/runner.mjs";
// Everything a runner imports from this repository lives here (the Prisma client included).
const RUNNER_SOURCES = ["lib", "jobs"];

function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }

  return newest;
}

/**
 * Modules that find files beside their source (lib/db/migrate.ts reads prisma/migrations) keep
 * finding them from the bundle: `import.meta.dirname` becomes the source folder's path relative
 * to wherever the bundle is loaded from.
 */
function sourceDirname(outDir: string): Plugin {
  return {
    name: "source-dirname",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        if (!source.includes("import.meta.dirname")) return undefined;
        const relative = path.relative(outDir, path.dirname(args.path));
        const replacement = `(import.meta.dirname + ${JSON.stringify(`/${relative}`)})`;

        return { contents: source.replaceAll("import.meta.dirname", replacement), loader: "ts" };
      });
    },
  };
}

/**
 * Compiles jobs/runner.ts and this repository's modules it imports into one ES module, when
 * there is none yet or a source changed since. Packages stay imports of node_modules. A runner
 * started from it skips tsx, whose loader thread and compile caches cost the runner tens of MB.
 * Written to a temporary file and renamed, so concurrent starts never load half a file.
 */
export async function ensureRunnerBundle(root: string, log: Logger): Promise<string> {
  const outfile = path.join(root, RUNNER_BUNDLE);
  const newest = Math.max(...RUNNER_SOURCES.map((dir) => newestMtime(path.join(root, dir))));
  if (existsSync(outfile) && statSync(outfile).mtimeMs > newest) return outfile;

  log.info({ bundle: RUNNER_BUNDLE }, "bundling the runner (first start or sources changed)");
  const outDir = path.dirname(outfile);
  mkdirSync(outDir, { recursive: true });
  const { outputFiles } = await build({
    entryPoints: [path.join(root, RUNNER_ENTRY)],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [sourceDirname(outDir)],
  });
  // The map first: a runner that loads the new bundle finds the map that belongs to it.
  for (const file of outputFiles.sort((a, b) =>
    a.path === outfile ? 1 : b.path === outfile ? -1 : 0,
  )) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }

  return outfile;
}

/** How `npm start` runs a runner: node on the bundle, built first when it is missing or stale. */
export async function runnerCommand(
  root: string,
  log: Logger,
): Promise<{ command: string; args: string[] }> {
  const bundle = await ensureRunnerBundle(root, log);

  return { command: process.execPath, args: [bundle] };
}
