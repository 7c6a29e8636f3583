// No-op jobs through the full runner (rows, attempts, progress, events, settle) against bare
// pg-boss workers with the same batch size and concurrency, in the same run. Target ratio >= 0.5.
//   node --import tsx bench/runner-throughput.ts [--jobs 2000] [--batch 10] [--concurrency 4]
import { parseArgs } from "node:util";

import { JOB_DEFINITIONS } from "../jobs/definitions";
import { JOB_HANDLERS } from "../jobs/handlers";
import { selfTest } from "../jobs/self-test/definition";
import { enqueuePrepared, prepareJob } from "../lib/jobs/enqueue-job";
import { JobRunner } from "../lib/jobs/job-runner";
import { queryRows } from "../lib/jobs/sql";
import { logger } from "../lib/logger";
import { JobEventPublisher } from "../lib/realtime/job-event-publisher";
import { createBareQueue, createBenchDatabase, sleep, startBoss } from "./lib/bench-database";
import { report } from "./lib/stats";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2000" },
    batch: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
  },
});
const jobs = Number(values.jobs);
const batchSize = Number(values.batch);
const localConcurrency = Number(values.concurrency);
const log = logger.child({ bench: "runner-throughput" });

async function bare(url: string): Promise<number> {
  const boss = await startBoss(url);
  await createBareQueue(boss, "bench_bare");
  for (let i = 0; i < jobs; i += 500) {
    const chunk = Array.from({ length: Math.min(500, jobs - i) }, () => ({ data: { steps: 1 } }));
    await boss.insert("bench_bare", chunk);
  }
  let done = 0;
  const started = performance.now();
  await boss.work(
    "bench_bare",
    { batchSize, localConcurrency, burstWhenBatchFull: true },
    async (batch) => {
      done += batch.length;
    },
  );
  while (done < jobs) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  await boss.stop({ graceful: true, timeout: 2_000 });

  return jobs / seconds;
}

async function full(url: string, actor: Awaited<ReturnType<typeof createBenchDatabase>>["actor"]) {
  // Events go through the real publisher to a client that answers at once: the cost of
  // building, bounding and batching them is measured, Soketi's is not.
  const events = new JobEventPublisher({ triggerBatch: async () => ({}) });
  const web = await startBoss(url, 4);
  for (let i = 0; i < jobs; i += 500) {
    const chunk = Array.from({ length: Math.min(500, jobs - i) }, () =>
      prepareJob(selfTest, { steps: 1, stepMs: 0 }),
    );
    await enqueuePrepared({ boss: web, events }, actor, chunk);
  }
  const boss = await startBoss(url);
  const runner = new JobRunner(boss, JOB_DEFINITIONS, {
    runnerId: "bench",
    log,
    events,
    handlers: JOB_HANDLERS,
    workOverrides: { batchSize, localConcurrency },
  });
  const started = performance.now();
  await runner.start();
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      web.getDb(),
      `SELECT count(*)::int AS n FROM job WHERE status = 'completed'`,
    );
    if ((row?.n ?? 0) >= jobs) break;
    await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.drain(1_000);
  await boss.stop({ graceful: true, timeout: 2_000 });
  await web.stop({ graceful: false });

  return jobs / seconds;
}

const database = await createBenchDatabase();
try {
  const reference = await bare(database.url);
  const figure = await full(database.url, database.actor);
  report(
    "runner throughput (no-op self_test, full runner)",
    figure,
    reference,
    "jobs/s",
    `bare pg-boss workers; ${jobs} jobs, batch ${batchSize}, concurrency ${localConcurrency}`,
  );
} finally {
  await database.drop();
}
process.exit(0);
