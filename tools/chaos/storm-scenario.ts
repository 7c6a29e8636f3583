// Scenario e: bursts of 503, 429, 500 and timeouts, then Last.fm down for "minutes" (scaled).
import { setTimeout as sleep } from "node:timers/promises";

import type { SimulatorStats } from "../provider-simulator/server";
import {
  addStats,
  batchFigures,
  type Figures,
  stallSummary,
  totalUncertain,
  totalViolations,
} from "./figures";
import { type ChaosSettings, ScenarioEnv } from "./scenario-env";

/** Four minutes of Last.fm outage at rate scale 20. */
const DOWN_MS = 12_000;

const BURSTS = [
  { provider: "musicbrainz", kind: "status", status: 503, count: 3 },
  { provider: "spotify", kind: "status", status: 429, count: 3 },
  { provider: "spotify", kind: "status", status: 500, count: 2 },
  { provider: "lastfm", kind: "timeout", count: 2 },
];

type CircuitLog = Record<string, string[]>;

/** Records every circuit state change per provider until stopped. */
async function watchCircuits(env: ScenarioEnv, stop: { done: boolean }): Promise<CircuitLog> {
  const log: CircuitLog = {};
  while (!stop.done) {
    const rows = await env
      .query<{ provider: string; state: string }>(
        `SELECT provider, "circuitState" AS state FROM provider_pace`,
      )
      .catch(() => []);
    for (const { provider, state } of rows) {
      const seen = (log[provider] ??= []);
      if (seen.at(-1) !== state) seen.push(state);
    }
    await sleep(200);
  }

  return log;
}

/** Partial jobs whose missing providers have no reason recorded on the artist. */
async function partialWithoutReason(env: ScenarioEnv, ids: string[]): Promise<number> {
  const [row] = await env.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM job j JOIN artist a ON a.id = j."artistId"
      WHERE j.id = ANY($1::uuid[]) AND j.result->>'status' = 'partial'
        AND (jsonb_array_length(coalesce(j.result->'missing', '[]'::jsonb)) = 0
          OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(j.result->'missing') p
                      WHERE a."providerStatus"->p->>'reason' IS NULL))`,
    [ids],
  );

  return row?.n ?? 0;
}

async function lastfmOpenForMs(env: ScenarioEnv): Promise<number> {
  const [row] = await env.query<{ ms: number | null }>(
    `SELECT extract(epoch FROM ("openUntil" - clock_timestamp()))::float8 * 1000 AS ms
       FROM provider_pace WHERE provider = 'lastfm'`,
  );

  return Math.max(0, row?.ms ?? 0);
}

/** e. Provider storms: the circuit opens and closes, others keep working, nothing is lost. */
export async function stormScenario(settings: ChaosSettings): Promise<Figures> {
  const env = await ScenarioEnv.create("e", settings);
  try {
    await env.startRunner();
    await env.startRunner();
    const stop = { done: false };
    const circuits = watchCircuits(env, stop);
    for (const fault of BURSTS) await env.simControl("/__sim/faults", fault);
    const ids = await env.enqueue(env.artistIds);
    await sleep(3_000);
    const beforeDown = await env.simStats();
    await env.simControl("/__sim/faults", { provider: "lastfm", kind: "down" });
    await sleep(DOWN_MS);
    const atRestore = await env.simStats();
    // Reset clears the down fault (and the counters, which are carried over by hand).
    await env.simControl("/__sim/reset");
    const batch = await batchFigures(env, ids, { timeoutMs: 180_000, checkWrites: false });
    // Before the second wave rewrites some of these artists.
    const unexplained = await partialWithoutReason(env, ids);

    // A second, small wave after the open period: the half-open probe must close the circuit.
    await sleep((await lastfmOpenForMs(env)) + 500);
    const partialArtists = await env.query<{ artistId: string }>(
      `SELECT "artistId" FROM job WHERE id = ANY($1::uuid[]) AND result->>'status' = 'partial'
        LIMIT 10`,
      [ids],
    );
    const waveArtists = partialArtists.length
      ? partialArtists.map((r) => r.artistId)
      : env.artistIds.slice(0, 10);
    const wave = await env.enqueue(waveArtists, true);
    const after = await batchFigures(env, wave, { timeoutMs: 90_000, checkWrites: false });
    stop.done = true;
    const log = await circuits;
    const stats = addStats(atRestore, await env.simStats());

    return stormFigures({ unexplained, batch, after, log, stats, beforeDown, atRestore });
  } finally {
    await env.close();
  }
}

interface StormRun {
  unexplained: number;
  batch: Figures;
  after: Figures;
  log: CircuitLog;
  stats: SimulatorStats;
  beforeDown: SimulatorStats;
  atRestore: SimulatorStats;
}

function stormFigures(run: StormRun): Figures {
  const { batch, after, log, stats, beforeDown, atRestore } = run;
  const figures: Figures = {
    ...batch,
    jobs: batch.jobs + after.jobs,
    completed: batch.completed + after.completed,
    failed: batch.failed + after.failed,
    lost: batch.lost + after.lost,
    stuck: batch.stuck + after.stuck,
    overlaps: after.overlaps,
    violations: totalViolations(stats),
    uncertainViolations: totalUncertain(stats),
    problems: [...batch.problems, ...after.problems],
  };
  const lastfm = log.lastfm ?? [];
  if (!lastfm.includes("open")) figures.problems.push("the Last.fm circuit never opened");
  if (lastfm.at(-1) !== "closed") {
    figures.problems.push(`the Last.fm circuit did not close (states: ${lastfm.join(" > ")})`);
  }
  if (run.unexplained > 0)
    figures.problems.push(`${run.unexplained} partial jobs without a reason`);
  const mbDuring = atRestore.requests.musicbrainz - beforeDown.requests.musicbrainz;
  const spotifyDuring = atRestore.requests.spotify - beforeDown.requests.spotify;
  if (mbDuring === 0 || spotifyDuring === 0) {
    figures.problems.push("MusicBrainz or Spotify stopped while Last.fm was down");
  }
  if (after.partial > 0)
    figures.problems.push(`${after.partial} jobs still partial after recovery`);
  Object.assign(figures.extra, {
    circuits: Object.fromEntries(Object.entries(log).map(([p, s]) => [p, s.join(" > ")])),
    requestsWhileLastfmDown: { musicbrainz: mbDuring, spotify: spotifyDuring },
    injected: stats.injected,
    requests: stats.requests,
    simulatorStalls: stallSummary(stats),
    ...(stats.violationLog.length > 0 ? { violationLog: stats.violationLog } : {}),
    secondWave: { jobs: after.jobs, completed: after.completed, partial: after.partial },
  });

  return figures;
}
