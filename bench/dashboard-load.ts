// The dashboard under load: 10,000 queued jobs and 10 running. Measures the time to the first
// page of GET /api/jobs and to a filter change (status, type, q) through the same domain call
// the route handler makes, the enqueue p99 while dashboards poll, and the job tables' sizes
// before and after the retention cleanups (pg-boss's and ours) and a vacuum.
//   node --import tsx bench/dashboard-load.ts [--queued 10000] [--running 10]
import { parseArgs } from "node:util";

import { JOB_DEFINITIONS } from "../jobs/definitions";
import { selfTest } from "../jobs/self-test/definition";
import { enqueueJob } from "../lib/jobs/enqueue-job";
import { listJobs } from "../lib/jobs/job-queries";
import { pruneFinishedJobs } from "../lib/jobs/job-retention";
import type { JobServices } from "../lib/jobs/job-services";
import { bossSql, queryRows } from "../lib/jobs/sql";
import { logger } from "../lib/logger";
import { createSenderBoss } from "../lib/queue/boss";
import { NullJobEventSink } from "../lib/realtime/job-event-publisher";
import { claimRunning, fillQueued } from "./lib/backlog";
import { createBenchDatabase, startBoss } from "./lib/bench-database";
import { summarize } from "./lib/stats";

const { values } = parseArgs({
  options: {
    queued: { type: "string", default: "10000" },
    running: { type: "string", default: "10" },
  },
});
const QUEUED = Number(values.queued);
const RUNNING = Number(values.running);
logger.level = "warn";

type Query = Parameters<typeof listJobs>[2];
const base: Query = { limit: 50 };
const FILTERS: Record<string, Query> = {
  "first page": base,
  "status=processing": { ...base, status: "processing" },
  "status=queued": { ...base, status: "queued" },
  "type=self_test": { ...base, type: "self_test" },
  "q=load 4242": { ...base, q: "load 4242" },
  "q=no such job": { ...base, q: "no such job" },
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();

  return performance.now() - started;
}

const TABLES = ["job", "job_event", "job_attempt", "pgboss.job"];

async function sizes(services: JobServices) {
  const rows = await queryRows<{ t: string; rows: number; mb: number }>(
    bossSql(services.boss),
    `SELECT t, (xpath('/row/c/text()', query_to_xml('SELECT count(*) AS c FROM ' || t, false, true, '')))[1]::text::int AS rows,
            round(pg_total_relation_size(t::regclass) / 1048576.0, 2)::float8 AS mb
       FROM unnest($1::text[]) AS t`,
    [TABLES],
  );

  return Object.fromEntries(rows.map((r) => [r.t, { rows: r.rows, mb: r.mb }]));
}

async function main() {
  const database = await createBenchDatabase();
  const boss = createSenderBoss(database.url);
  await boss.start();
  const services: JobServices = { boss, events: new NullJobEventSink() };
  const runner = await startBoss(database.url);
  try {
    const fillMs = await fillQueued(services, database.actor, QUEUED);
    const running = await claimRunning(services, database.url, RUNNING);
    await bossSql(boss).executeSql("ANALYZE");
    const sql = bossSql(boss);
    const listing: Record<string, ReturnType<typeof summarize>> = {};
    for (const [name, query] of Object.entries(FILTERS)) {
      await listJobs(sql, database.actor, query);
      const times = [];
      for (let i = 0; i < 20; i++)
        times.push(await timed(() => listJobs(sql, database.actor, query)));
      listing[name] = summarize(times);
    }
    const enqueue = {
      alone: await enqueueUnderLoad(services, database.actor, 0),
      "4 dashboards polling back to back": await enqueueUnderLoad(services, database.actor, 4),
    };
    const before = await sizes(services);
    const cleanup = await retention(services, runner);
    const after = await sizes(services);
    console.log(
      JSON.stringify(
        {
          queued: QUEUED,
          running,
          fillMs: Math.round(fillMs),
          listMs: listing,
          enqueue,
          before,
          after,
          cleanup,
        },
        null,
        2,
      ),
    );
  } finally {
    await runner.stop({ graceful: false });
    await boss.stop({ graceful: false });
    await database.drop();
  }
}

/**
 * 300 enqueues, one at a time, beside `dashboards` callers that each list queued jobs again the
 * moment the last list answered: far more than real dashboards, which refetch on live events
 * or every few seconds while paused, so it shows the worst case beside the quiet one.
 */
async function enqueueUnderLoad(
  services: JobServices,
  actor: Parameters<typeof enqueueJob>[1],
  dashboards: number,
) {
  let polling = true;
  const sql = bossSql(services.boss);
  const poll = async () => {
    while (polling) await listJobs(sql, actor, { limit: 50, status: "queued" });
  };
  const pollers = Array.from({ length: dashboards }, poll);
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const body = {
      type: selfTest.type,
      payload: { steps: 1, label: `probe ${i}` },
      priority: "normal" as const,
      tags: [],
    };
    times.push(await timed(() => enqueueJob(services, actor, body)));
  }
  polling = false;
  await Promise.all(pollers);

  return summarize(times);
}

/**
 * Finishes every job in pg-boss and in our rows as if a week had passed, then runs both
 * cleanups a runner runs: pg-boss's maintenance (its jobs past deleteAfterSeconds) and our
 * pruning of job rows by the same rule (lib/jobs/job-retention.ts).
 */
async function retention(services: JobServices, runner: Awaited<ReturnType<typeof startBoss>>) {
  const sql = bossSql(services.boss);
  await sql.executeSql(
    `UPDATE pgboss.job SET state = 'completed', completed_on = now() - interval '8 days',
       created_on = now() - interval '8 days', started_on = now() - interval '8 days'`,
  );
  await sql.executeSql(
    `UPDATE job SET status = 'completed', "finishedAt" = now() - interval '8 days', progress = 100`,
  );
  const started = performance.now();
  await runner.supervise();
  const superviseMs = Math.round(performance.now() - started);
  const pruneStarted = performance.now();
  const pruned = await pruneFinishedJobs(sql, JOB_DEFINITIONS);
  // Sizes after deletes count dead tuples until a vacuum; autovacuum would do this in time.
  for (const table of TABLES) await sql.executeSql(`VACUUM ${table}`);

  return { superviseMs, pruned, pruneMs: Math.round(performance.now() - pruneStarted) };
}

await main();
