// Scenarios d and e: the database cut off mid-batch, and providers misbehaving.
import { setTimeout as sleep } from "node:timers/promises";

import pg from "pg";

import { resetConfigForTests } from "../../lib/config";
import { testServerUrl } from "../../lib/testing/database";
import type { Child } from "./child-process";
import { batchFigures, type Figures, round1 } from "./figures";
import { type ChaosSettings, ScenarioEnv } from "./scenario-env";

const OUTAGE_MS = 15_000;

async function completedCount(env: ScenarioEnv): Promise<number> {
  const [row] = await env.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM job WHERE status = 'completed'`,
  );

  return row?.n ?? 0;
}

async function untilCompleted(env: ScenarioEnv, count: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await completedCount(env)) < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} jobs completed in time`);
    await sleep(200);
  }
}

/**
 * Cuts the scenario's database off: no new connection is accepted (ALLOW_CONNECTIONS false,
 * which binds superusers too) and every open one is terminated, again and again, until
 * `ms` have passed. Only this scenario's database is touched; the server keeps running.
 */
async function cutDatabase(dbName: string, ms: number): Promise<number> {
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  let terminated = 0;
  try {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [dbName],
      );
      terminated += rows[0]?.n ?? 0;
      await sleep(250);
    }
  } finally {
    await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    await admin.end();
  }

  return terminated;
}

interface HealthSample {
  at: number;
  databaseOk: boolean;
}

/** Samples lib/health.ts's checkHealth every 500 ms until stopped. */
async function sampleHealth(env: ScenarioEnv, stop: { done: boolean }): Promise<HealthSample[]> {
  process.env.DATABASE_URL = env.url;
  process.env.PUSHER_HOST = "127.0.0.1";
  process.env.PUSHER_PORT = String(env.settings.pusherPort);
  resetConfigForTests();
  const { checkHealth } = await import("../../lib/health");
  const samples: HealthSample[] = [];
  while (!stop.done) {
    const health = await checkHealth();
    samples.push({ at: Date.now(), databaseOk: health.database.ok && health.queue.ok });
    await sleep(500);
  }

  return samples;
}

/** d. Every connection of the database terminated repeatedly for 15 s mid-batch. */
export async function databaseOutageScenario(settings: ChaosSettings): Promise<Figures> {
  const env = await ScenarioEnv.create("d", settings);
  try {
    const runners: Child[] = [await env.startRunner(), await env.startRunner()];
    const ids = await env.enqueue(env.artistIds);
    await untilCompleted(env, 20);
    const stop = { done: false };
    const health = sampleHealth(env, stop);
    await sleep(1_500);
    const outageStart = Date.now();
    const terminated = await cutDatabase(env.dbName, OUTAGE_MS);
    const outageEnd = Date.now();
    await sleep(5_000);
    stop.done = true;
    const samples = await health;
    const died = runners.filter((r) => !r.alive());
    for (const _ of died) runners.push(await env.startRunner());
    const firstAfter = await firstCompletionAfter(env, outageEnd, 60_000);
    const figures = await batchFigures(env, ids, {
      timeoutMs: 150_000,
      checkWrites: true,
      recoveryFrom: outageEnd,
    });
    const during = samples.filter((s) => s.at > outageStart + 1_000 && s.at < outageEnd);
    const before = samples.filter((s) => s.at < outageStart);
    const last = samples.at(-1);
    if (died.length > 0) figures.problems.push(`${died.length} runner(s) exited during the outage`);
    if (during.length === 0 || during.some((s) => s.databaseOk)) {
      figures.problems.push("the health check did not show the outage while it lasted");
    }
    if (!before.every((s) => s.databaseOk) || !last?.databaseOk) {
      figures.problems.push("the health check was not healthy before and after the outage");
    }
    if (firstAfter === null) figures.problems.push("no job completed within 60 s of the outage");
    Object.assign(figures.extra, {
      outageSeconds: round1((outageEnd - outageStart) / 1000),
      connectionsTerminated: terminated,
      runnersExited: died.map((r) => r.name),
      healthSamples: {
        before: before.length,
        during: during.length,
        unhealthyDuring: during.filter((s) => !s.databaseOk).length,
      },
      firstCompletionAfterSeconds:
        firstAfter === null ? null : round1((firstAfter - outageEnd) / 1000),
    });

    return figures;
  } finally {
    await env.close();
  }
}

async function firstCompletionAfter(env: ScenarioEnv, since: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const [row] = await env.query<{ at: Date | null }>(
        `SELECT min("finishedAt") AS at FROM job WHERE status = 'completed' AND "finishedAt" > $1`,
        [new Date(since)],
      );
      if (row?.at) return row.at.getTime();
    } catch {
      // The pool may still hold a terminated connection; the next query gets a fresh one.
    }
    await sleep(250);
  }

  return null;
}
