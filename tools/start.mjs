// The one start command. Plain JavaScript so it runs before dependencies are installed:
// it installs what is missing, then hands over to tools/stack/main.ts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(" ")} failed; fix the error above and try again.\n`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(path.join(root, "node_modules"))) run("npm", ["ci", "--no-audit", "--no-fund"]);
if (!existsSync(path.join(root, "soketi/node_modules"))) {
  run("npm", ["ci", "--no-audit", "--no-fund"], path.join(root, "soketi"));
}
if (!existsSync(path.join(root, "lib/generated/prisma"))) run("npm", ["run", "--silent", "generate"]);

// The stack runs in a process group of its own: a terminal's Ctrl-C reaches only this process,
// which passes it on, and the stack then stops its children in order (the runner drains before
// the embedded PostgreSQL stops, instead of every process getting SIGINT at once).
const args = ["--import", "tsx", "tools/stack/main.ts", ...process.argv.slice(2)];
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: "inherit",
  detached: true,
  env: { ...process.env, ROADIE_SERVICE: "stack" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
