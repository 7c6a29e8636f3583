// Scenarios a, b and c: runners killed, drained, and several at once.
import { setTimeout as sleep } from "node:timers/promises";

import { stopChild } from "./child-process";
import { batchFigures, type Figures, round1 } from "./figures";
import { type ChaosSettings, ScenarioEnv } from "./scenario-env";

const BATCH_TIMEOUT_MS = 150_000;

/** Resolves once at least `count` jobs are processing (the runner is mid-job). */
async function untilProcessing(env: ScenarioEnv, count: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await env.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM job WHERE status = 'processing'`,
    );
    if ((row?.n ?? 0) >= count) return;
    await sleep(100);
  }
  throw new Error(`no job was processing within ${timeoutMs} ms`);
}

async function countWhere(env: ScenarioEnv, sql: string): Promise<number> {
  const [row] = await env.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`);

  return row?.n ?? 0;
}

async function withEnv(
  name: string,
  settings: ChaosSettings,
  run: (env: ScenarioEnv) => Promise<Figures>,
) {
  const env = await ScenarioEnv.create(name, settings);
  try {
    return await run(env);
  } finally {
    await env.close();
  }
}

/** a. One runner SIGKILLed five times while it works a batch, restarted each time. */
export function sigkillScenario(settings: ChaosSettings): Promise<Figures> {
  return withEnv("a", settings, async (env) => {
    let runner = await env.startRunner();
    const ids = await env.enqueue(env.artistIds);
    let lastKill = Date.now();
    let killedHolding = 0;
    for (let kill = 0; kill < 5; kill++) {
      await untilProcessing(env, 1);
      await sleep(400 + Math.random() * 1200);
      killedHolding += await countWhere(env, `job WHERE status = 'processing'`);
      runner.signal("SIGKILL");
      await runner.exited;
      lastKill = Date.now();
      runner = await env.startRunner();
    }
    const figures = await batchFigures(env, ids, {
      timeoutMs: BATCH_TIMEOUT_MS,
      checkWrites: true,
      recoveryFrom: lastKill,
    });
    figures.extra.kills = 5;
    figures.extra.processingAtKills = killedHolding;
    figures.extra.expiredAttempts = await countWhere(env, `job_attempt WHERE outcome = 'expired'`);
    figures.extra.jobsRetried = await countWhere(env, `job WHERE attempt > 1`);

    return figures;
  });
}

/** b. SIGTERM mid-batch: the runner drains within its bound, exits 0; a new one finishes. */
export function sigtermScenario(settings: ChaosSettings): Promise<Figures> {
  const drainSeconds = 3;
  // drain() waits RUNNER_DRAIN_SECONDS, then up to 5 s for aborted handlers, 2 s for events
  // and 5 s for pg-boss to stop: the most a clean exit may take.
  const boundSeconds = drainSeconds + 12;

  return withEnv("b", settings, async (env) => {
    const runner = await env.startRunner({ RUNNER_DRAIN_SECONDS: String(drainSeconds) });
    const ids = await env.enqueue(env.artistIds);
    await untilProcessing(env, 2);
    await sleep(2_000);
    const termAt = Date.now();
    const exit = await stopChild(runner, "SIGTERM", 60_000);
    const exitSeconds = round1((exit.at - termAt) / 1000);
    const leftProcessing = await countWhere(
      env,
      `job WHERE status = 'processing' AND id = ANY('{${ids.join(",")}}'::uuid[])`,
    );
    const doneBeforeRestart = await countWhere(env, `job WHERE status = 'completed'`);
    const released = await countWhere(env, `job_event WHERE kind = 'released'`);
    const restartAt = Date.now();
    await env.startRunner();
    const figures = await batchFigures(env, ids, {
      timeoutMs: BATCH_TIMEOUT_MS,
      checkWrites: true,
      recoveryFrom: restartAt,
    });
    if (exit.code !== 0) figures.problems.push(`runner exited with ${exit.code ?? exit.signal}`);
    if (exitSeconds > boundSeconds) {
      figures.problems.push(`drain took ${exitSeconds} s, bound ${boundSeconds} s`);
    }
    if (leftProcessing > 0)
      figures.problems.push(`${leftProcessing} rows left processing after drain`);
    Object.assign(figures.extra, {
      exitCode: exit.code,
      exitSeconds,
      boundSeconds,
      drainSeconds,
      released,
      doneBeforeRestart,
      leftProcessing,
    });

    return figures;
  });
}

/** c. Several runners at once on one batch: no job or artist twice at a time, limits hold. */
export function concurrentRunnersScenario(
  settings: ChaosSettings,
  runners: number,
): Promise<Figures> {
  return withEnv(`c${runners}`, settings, async (env) => {
    await Promise.all(Array.from({ length: runners }, () => env.startRunner()));
    const started = Date.now();
    const ids = await env.enqueue(env.artistIds);
    const figures = await batchFigures(env, ids, {
      timeoutMs: BATCH_TIMEOUT_MS,
      checkWrites: true,
      recoveryFrom: started,
    });
    const perRunner = await env.query<{ runner: string; n: number }>(
      `SELECT "runnerId" AS runner, count(*)::int AS n FROM job_attempt GROUP BY 1 ORDER BY 1`,
    );
    figures.extra.runners = runners;
    figures.extra.attemptsPerRunner = Object.fromEntries(perRunner.map((r) => [r.runner, r.n]));
    figures.extra.batchSeconds = figures.recoverySeconds;
    if (perRunner.length < runners) {
      figures.problems.push(`only ${perRunner.length} of ${runners} runners worked jobs`);
    }

    return figures;
  });
}
