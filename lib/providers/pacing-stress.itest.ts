import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

import { afterEach, beforeEach, expect, it } from "vitest";

import { logger } from "../logger";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { runConcurrentEnrichers, spawnSimulator } from "./concurrent-enrichers";
import { REPO_FIXTURES } from "./test-config";

// The pacing must hold when the machine is busy: a late wake-up or a stalled event loop may
// slow the enrichers down but never bring two provider requests closer than the rules allow.
const RATE_SCALE = 10;
const BUSY_LOOPS = 2;
const log = logger.child({ test: "pacing-stress" });
const queries = (
  JSON.parse(readFileSync(path.join(REPO_FIXTURES, "index.json"), "utf8")) as {
    artists: { query: string }[];
  }
).artists.map((a) => a.query);

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await t?.drop();
});

/** Child processes that spin on the CPU until killed (as many as the machine has cores here). */
function busyLoops(count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
  );
}

it("keeps every limit with concurrent enrichers while the CPU is saturated", async () => {
  const child = await spawnSimulator(RATE_SCALE);
  const loops = busyLoops(BUSY_LOOPS);
  try {
    const enriched = await runConcurrentEnrichers({
      db: t.db,
      url: t.url,
      simulatorUrl: child.url,
      rateScale: RATE_SCALE,
      names: [...queries, ...queries, ...queries],
      pools: 3,
      workersPerPool: 3,
      log,
    });
    const stats = await child.stats();
    log.info(
      {
        requests: stats.requests,
        minGapMs: stats.minGapMs,
        uncertainViolations: stats.uncertainViolations,
        simulatorStalls: stats.stalls,
        violationLog: stats.violationLog,
      },
      "pacing under load",
    );

    // Only violations the simulator is sure of fail the test: the busy loops starve it too, and
    // a stall of its own can read two well-spaced requests back to back (see RateWindow).
    expect(stats.violations).toEqual({ musicbrainz: 0, lastfm: 0, spotify: 0 });
    expect(stats.requests.musicbrainz).toBeGreaterThanOrEqual(enriched);
  } finally {
    for (const loop of loops) loop.kill("SIGKILL");
    child.stop();
  }
}, 90_000);
