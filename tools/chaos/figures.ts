import type { SimulatorStats } from "../provider-simulator/server";
import type { ScenarioEnv } from "./scenario-env";

/** What a scenario reports; any loss, stuck job, duplicate or violation fails it. */
export interface Figures {
  jobs: number;
  completed: number;
  partial: number;
  failed: number;
  /** Rows that will never run again although they did not finish, or disagree with pg-boss. */
  lost: number;
  /** Rows still processing when the scenario's deadline passed. */
  stuck: number;
  /** Attempt intervals of one job or one artist that overlap. */
  overlaps: number;
  /** Artists whose row was written by more than one enrichment. */
  doubleWrites: number;
  /** Requests the simulator judged a violation for certain (see RateWindow). */
  violations: number;
  /** Violations the simulator's own stalls may explain: printed, never a failure by themselves. */
  uncertainViolations: number;
  recoverySeconds: number | null;
  /** Problems a scenario found beyond the counts (each one fails it). */
  problems: string[];
  /** Scenario-specific figures, printed as they are. */
  extra: Record<string, unknown>;
}

interface JobState {
  id: string;
  status: string;
  attempt: number;
  error: string | null;
  result: { status?: string; missing?: string[] } | null;
  boss_state: string | null;
  artist_status: string | null;
}

const FINAL = ["completed", "failed", "cancelled"];
const LIVE_BOSS = ["created", "retry", "active"];

/** The job rows of `ids` beside their pg-boss jobs and artists. */
export async function jobStates(env: ScenarioEnv, ids: string[]): Promise<JobState[]> {
  return env.query<JobState>(
    `SELECT j.id, j.status, j.attempt, j.error, j.result, b.state::text AS boss_state,
            a."enrichmentStatus" AS artist_status
       FROM unnest($1::uuid[]) AS x(id)
       LEFT JOIN job j ON j.id = x.id
       LEFT JOIN pgboss.job b ON b.id = x.id
       LEFT JOIN artist a ON a.id = j."artistId"`,
    [ids],
  );
}

const rowsFinal = (states: JobState[]) => states.every((s) => FINAL.includes(s.status));
// A runner killed between writing the row and settling pg-boss leaves the pg-boss job active
// until its heartbeat lapses; the next claim then settles it. That lag is fine, a stay is not.
const bossAgrees = (states: JobState[]) =>
  states.every((s) => !FINAL.includes(s.status) || !LIVE_BOSS.includes(s.boss_state ?? ""));

/**
 * Polls until every job row is final and pg-boss agrees, or the deadline passes. settledAt is
 * when the rows were all final; bossSettledAt when pg-boss agreed too.
 */
export async function waitForFinal(
  env: ScenarioEnv,
  ids: string[],
  timeoutMs: number,
): Promise<{ states: JobState[]; settledAt: number | null; bossSettledAt: number | null }> {
  const deadline = Date.now() + timeoutMs;
  let states: JobState[] = [];
  let settledAt: number | null = null;
  for (;;) {
    try {
      states = await jobStates(env, ids);
      if (rowsFinal(states)) settledAt ??= Date.now();
      if (settledAt !== null && bossAgrees(states)) {
        return { states, settledAt, bossSettledAt: Date.now() };
      }
    } catch {
      // The database may be unreachable on purpose (scenario d); ask again.
    }
    if (Date.now() > deadline) return { states, settledAt, bossSettledAt: null };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Counts lost and stuck jobs and mismatches between our rows and pg-boss. */
export function classify(states: JobState[]) {
  const lost = states.filter(
    (s) =>
      !s.status ||
      (!FINAL.includes(s.status) && !LIVE_BOSS.includes(s.boss_state ?? "")) ||
      (FINAL.includes(s.status) && LIVE_BOSS.includes(s.boss_state ?? "")) ||
      (s.status === "completed" && s.artist_status === "not_enriched"),
  );
  const stuck = states.filter((s) => s.status === "processing");
  const count = (status: string) => states.filter((s) => s.status === status).length;
  const partial = states.filter((s) => s.status === "completed" && s.result?.status === "partial");
  const failedWithoutReason = states.filter((s) => s.status === "failed" && !s.error?.trim());

  return {
    lost: lost.length,
    lostIds: lost.slice(0, 5).map((s) => `${s.id}:${s.status}/${s.boss_state}`),
    stuck: stuck.length,
    completed: count("completed"),
    failed: count("failed"),
    partial: partial.length,
    failedWithoutReason: failedWithoutReason.length,
  };
}

/** Overlapping attempt intervals, per job and per artist (across jobs of one artist). */
export async function overlaps(env: ScenarioEnv): Promise<{ perJob: number; perArtist: number }> {
  const [row] = await env.query<{ per_job: number; per_artist: number }>(
    `WITH a AS (
       SELECT t.id, t."jobId", j."artistId", t."startedAt" AS s,
              coalesce(t."finishedAt", now()) AS f
         FROM job_attempt t JOIN job j ON j.id = t."jobId")
     SELECT
       (SELECT count(*) FROM a x JOIN a y ON x."jobId" = y."jobId" AND x.id < y.id
          AND x.s < y.f AND y.s < x.f)::int AS per_job,
       (SELECT count(*) FROM a x JOIN a y ON x."artistId" = y."artistId" AND x.id < y.id
          AND x."jobId" <> y."jobId" AND x.s < y.f AND y.s < x.f)::int AS per_artist`,
  );

  return { perJob: row?.per_job ?? 0, perArtist: row?.per_artist ?? 0 };
}

/** Artists written more than once by enrichment (the trigger's log). */
export async function doubleWrites(env: ScenarioEnv): Promise<number> {
  const [row] = await env.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT "artistId" FROM chaos_artist_write GROUP BY 1 HAVING count(*) > 1) t`,
  );

  return row?.n ?? 0;
}

type Counts = SimulatorStats["requests"];
const total = (c: Counts) => c.musicbrainz + c.lastfm + c.spotify;

export const totalViolations = (stats: SimulatorStats) => total(stats.violations);
export const totalUncertain = (stats: SimulatorStats) => total(stats.uncertainViolations);

/** Adds two simulator snapshots (the simulator's reset clears its counters). */
export function addStats(a: SimulatorStats, b: SimulatorStats): SimulatorStats {
  const sum = (x: SimulatorStats["requests"], y: SimulatorStats["requests"]) => ({
    musicbrainz: x.musicbrainz + y.musicbrainz,
    lastfm: x.lastfm + y.lastfm,
    spotify: x.spotify + y.spotify,
  });
  const gap = (x: number | null, y: number | null) =>
    x === null ? y : y === null ? x : Math.min(x, y);

  return {
    ...a,
    requests: sum(a.requests, b.requests),
    violations: sum(a.violations, b.violations),
    uncertainViolations: sum(a.uncertainViolations, b.uncertainViolations),
    stalls: {
      count: a.stalls.count + b.stalls.count,
      maxMs: Math.max(a.stalls.maxMs, b.stalls.maxMs),
      totalMs: a.stalls.totalMs + b.stalls.totalMs,
    },
    violationLog: [...a.violationLog, ...b.violationLog].slice(0, 20),
    injected: sum(a.injected, b.injected),
    tokenRequests: a.tokenRequests + b.tokenRequests,
    badUserAgent: a.badUserAgent + b.badUserAgent,
    minGapMs: {
      musicbrainz: gap(a.minGapMs.musicbrainz, b.minGapMs.musicbrainz),
      lastfm: gap(a.minGapMs.lastfm, b.minGapMs.lastfm),
      spotify: gap(a.minGapMs.spotify, b.minGapMs.spotify),
    },
  };
}

/**
 * The common figures of a batch: waits for it to settle, then counts. `checkWrites` is off
 * where a retry may rightly write an artist again (a provider failed on purpose).
 */
export async function batchFigures(
  env: ScenarioEnv,
  ids: string[],
  options: {
    timeoutMs: number;
    checkWrites: boolean;
    recoveryFrom?: number;
    stats?: SimulatorStats;
  },
): Promise<Figures> {
  const { states, settledAt, bossSettledAt } = await waitForFinal(env, ids, options.timeoutMs);
  const c = classify(states);
  const o = await overlaps(env);
  const stats = options.stats ?? (await env.simStats());
  const problems: string[] = [];
  if (c.lost > 0) problems.push(`lost jobs: ${c.lostIds.join(", ")}`);
  if (c.failedWithoutReason > 0) problems.push(`${c.failedWithoutReason} failed without a reason`);
  if (settledAt === null) problems.push(`not settled within ${options.timeoutMs / 1000} s`);
  if (stats.badUserAgent > 0) problems.push(`${stats.badUserAgent} requests with a bad User-Agent`);
  const writes = options.checkWrites ? await doubleWrites(env) : 0;
  const from = options.recoveryFrom;

  return {
    jobs: ids.length,
    completed: c.completed,
    partial: c.partial,
    failed: c.failed,
    lost: c.lost,
    stuck: c.stuck,
    overlaps: o.perJob + o.perArtist,
    doubleWrites: writes,
    violations: totalViolations(stats),
    uncertainViolations: totalUncertain(stats),
    recoverySeconds:
      from !== undefined && settledAt !== null ? round1((settledAt - from) / 1000) : null,
    problems,
    extra: {
      requests: stats.requests,
      minGapMs: stats.minGapMs,
      simulatorStalls: stallSummary(stats),
      ...(stats.violationLog.length > 0 ? { violationLog: stats.violationLog } : {}),
      bossLagSeconds:
        settledAt !== null && bossSettledAt !== null
          ? round1((bossSettledAt - settledAt) / 1000)
          : null,
    },
  };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The simulator's own event-loop stalls, rounded for printing. */
export function stallSummary(stats: SimulatorStats) {
  const { count, maxMs, totalMs } = stats.stalls;

  return { count, maxMs: round1(maxMs), totalMs: round1(totalMs) };
}

/** The figures' verdict: every reason the scenario failed (empty when it passed). */
export function failures(f: Figures): string[] {
  const out = [...f.problems];
  if (f.lost > 0) out.push(`${f.lost} lost`);
  if (f.stuck > 0) out.push(`${f.stuck} stuck processing`);
  if (f.overlaps > 0) out.push(`${f.overlaps} overlapping attempts`);
  if (f.doubleWrites > 0) out.push(`${f.doubleWrites} artists written twice`);
  if (f.violations > 0) out.push(`${f.violations} rate-limit violations`);

  return out;
}
