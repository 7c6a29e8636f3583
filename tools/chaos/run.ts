// `npm run test:chaos`: crash and bad-weather scenarios against real runner processes, each on
// a fresh database of the machine's PostgreSQL with its own provider simulator, then the
// Soketi outage spec in Chromium. Prints each scenario's figures; exits 1 on any failure.
//   node --import tsx tools/chaos/run.ts [--only a,b,c2,c3,d,e,f] [--rate-scale 20] [--keep-logs]
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { writeSyntheticFixtures } from "../../bench/enrich-synthetic-fixtures";
import { logger } from "../../lib/logger";
import { REPO_FIXTURES } from "../../lib/providers/test-config";
import { testServerUrl } from "../../lib/testing/database";
import { concurrentRunnersScenario, sigkillScenario, sigtermScenario } from "./crash-scenarios";
import { failures, type Figures } from "./figures";
import { databaseOutageScenario } from "./outage-scenarios";
import { runSoketiOutageSpec } from "./playwright-step";
import type { ChaosSettings } from "./scenario-env";
import { stormScenario } from "./storm-scenario";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    "rate-scale": { type: "string", default: "20" },
    artists: { type: "string", default: "200" },
    "keep-logs": { type: "boolean", default: false },
  },
});

type Scenario = { id: string; title: string; run: (s: ChaosSettings) => Promise<Figures> };

const SCENARIOS: Scenario[] = [
  { id: "a", title: "runner SIGKILLed 5 times mid-batch", run: sigkillScenario },
  { id: "b", title: "runner SIGTERMed mid-batch, restarted", run: sigtermScenario },
  { id: "c2", title: "two runners at once", run: (s) => concurrentRunnersScenario(s, 2) },
  { id: "c3", title: "three runners at once", run: (s) => concurrentRunnersScenario(s, 3) },
  { id: "d", title: "database connections terminated for 15 s", run: databaseOutageScenario },
  { id: "e", title: "provider storms and Last.fm down", run: stormScenario },
];

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function print(id: string, title: string, seconds: number, f: Figures | Error) {
  if (f instanceof Error) {
    console.log(
      `\n[${id}] ${title}: ERROR after ${seconds.toFixed(1)} s\n  ${f.stack ?? f.message}`,
    );
    return;
  }
  const bad = failures(f);
  const line = `jobs ${f.jobs}, completed ${f.completed} (partial ${f.partial}), failed ${f.failed}, lost ${f.lost}, stuck ${f.stuck}, overlaps ${f.overlaps}, written twice ${f.doubleWrites}, violations ${f.violations} (uncertain ${f.uncertainViolations}), recovery ${f.recoverySeconds ?? "-"} s`;
  console.log(`\n[${id}] ${title}: ${bad.length ? "FAIL" : "ok"} in ${seconds.toFixed(1)} s`);
  console.log(`  ${line}`);
  console.log(`  ${JSON.stringify(f.extra)}`);
  for (const reason of bad) console.log(`  ! ${reason}`);
}

async function main() {
  // Scenario d points DATABASE_URL at its own database for the health check; creating and
  // dropping databases must keep going through the server's maintenance database.
  process.env.TEST_DATABASE_URL ??= testServerUrl();
  // The harness's own sender pg-boss logs every terminated connection in scenario d; the
  // figures say what matters, and the runners' logs are kept in files.
  logger.level = "fatal";
  const only = values.only?.split(",").map((s) => s.trim());
  const work = mkdtempSync(path.join(os.tmpdir(), "roadie-chaos-"));
  const logDir = path.join(work, "logs");
  mkdirSync(logDir);
  const fixturesDir = path.join(work, "fixtures");
  const artistNames = writeSyntheticFixtures(
    fixturesDir,
    Number(values.artists),
    path.join(REPO_FIXTURES, "errors"),
  );
  const settings: ChaosSettings = {
    fixturesDir,
    artistNames,
    rateScale: Number(values["rate-scale"]),
    logDir,
    pusherPort: await closedPort(),
  };
  console.log(
    `chaos: rate scale ${settings.rateScale}, ${artistNames.length} artists, logs in ${logDir}`,
  );
  const started = Date.now();
  let failed = 0;
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
    const t0 = Date.now();
    const result = await scenario
      .run(settings)
      .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    print(scenario.id, scenario.title, (Date.now() - t0) / 1000, result);
    if (result instanceof Error || failures(result).length > 0) failed += 1;
  }
  if (!only || only.includes("f")) {
    const t0 = Date.now();
    const code = runSoketiOutageSpec();
    console.log(
      `\n[f] Soketi stopped 30 s (Playwright): ${code === 0 ? "ok" : "FAIL"} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (code !== 0) failed += 1;
  }
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\nchaos: ${failed === 0 ? "all scenarios passed" : `${failed} scenario(s) failed`} in ${total} s`,
  );
  if (failed === 0 && !values["keep-logs"]) rmSync(work, { recursive: true, force: true });
  else console.log(`chaos: logs kept in ${logDir}`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
