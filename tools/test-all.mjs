// `npm test`: every suite in order, stopping at the first failure, with a summary line.
// Plain JavaScript so it runs on any Node without a loader.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const steps = [
  ["generate", ["run", "--silent", "generate"]],
  ["lint", ["run", "--silent", "lint"]],
  ["typecheck", ["run", "--silent", "typecheck"]],
  ["unit", ["run", "--silent", "test:unit"]],
  ["integration", ["run", "--silent", "test:integration"]],
  ["e2e", ["run", "--silent", "test:e2e"]],
];
if (existsSync("tools/chaos/run.ts")) steps.push(["chaos", ["run", "--silent", "test:chaos"]]);

const only = process.argv.slice(2);
const selected = only.length ? steps.filter(([name]) => only.includes(name)) : steps;

if (!existsSync("soketi/node_modules")) {
  spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: "soketi", stdio: "inherit" });
}

let passed = 0;
for (const [name, args] of selected) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const result = spawnSync("npm", args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n=== ${name} failed after ${seconds}s\n`);
    process.stdout.write(`suites: ${passed} passed, 1 failed\n`);
    process.exit(1);
  }
  passed += 1;
  process.stdout.write(`=== ${name} passed in ${seconds}s\n`);
}
process.stdout.write(`\nsuites: ${passed} passed, 0 failed\n`);
