// No-op jobs through the full runner (rows, attempts, progress, events, settle) against bare
// pg-boss workers with the same batch size and concurrency, in the same run. Target ratio >= 0.5.
//   node --import tsx bench/runner-throughput.ts [--jobs 2000] [--batch 10] [--concurrency 4]
import { parseArgs } from "node:util";

import { JOB_DEFINITIONS } from "../jobs/definitions";
import { JOB_HANDLERS } from "../jobs/handlers";
import { selfTest } from "../jobs/self-test/definition";
import { enqueuePrepared, prepareJob } from "../lib/jobs/enqueue-job";
import { JobRunner } from "../lib/jobs/job-runner";
import { logger } from "../lib/logger";
import { ADMIN_CHANNEL } from "../lib/auth/policy";
import { JobEventPublisher } from "../lib/realtime/job-event-publisher";
import {
  cpuSplit,
  createBareQueue,
  createBenchDatabase,
  sleep,
  startBoss,
} from "./lib/bench-database";
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

/** CPU per job since `from`, in microseconds, for this process and for PostgreSQL. */
function cpuPerJob(from: ReturnType<typeof cpuSplit>) {
  const now = cpuSplit();

  return {
    nodeUs: ((now.self - from.self) * 1000) / jobs,
    postgresUs: ((now.postgres - from.postgres) * 1000) / jobs,
  };
}

async function bare(url: string) {
  const boss = await startBoss(url);
  await createBareQueue(boss, "bench_bare");
  for (let i = 0; i < jobs; i += 500) {
    const chunk = Array.from({ length: Math.min(500, jobs - i) }, () => ({ data: { steps: 1 } }));
    await boss.insert("bench_bare", chunk);
  }
  let done = 0;
  const started = performance.now();
  const cpu = cpuSplit();
  await boss.work(
    "bench_bare",
    { batchSize, localConcurrency, burstWhenBatchFull: true },
    async (batch) => {
      done += batch.length;
    },
  );
  while (done < jobs) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  const used = cpuPerJob(cpu);
  await boss.stop({ graceful: true, timeout: 2_000 });

  return { rate: jobs / seconds, ...used };
}

async function full(url: string, actor: Awaited<ReturnType<typeof createBenchDatabase>>["actor"]) {
  // Events go through the real publisher to a client that answers at once: the cost of
  // building, bounding and batching them is measured, Soketi's is not.
  // Completions are counted from the events, as the bare workers count theirs in memory:
  // polling the job table would load the database being measured.
  let completed = 0;
  const events = new JobEventPublisher({
    triggerBatch: async (batch) => {
      for (const item of batch) {
        const event = item.data as { kind?: string };
        if (item.channel === ADMIN_CHANNEL && event.kind === "completed") completed += 1;
      }
    },
  });
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
  const cpu = cpuSplit();
  await runner.start();
  while (completed < jobs) await sleep(5);
  const seconds = (performance.now() - started) / 1000;
  const used = cpuPerJob(cpu);
  await runner.drain(1_000);
  await boss.stop({ graceful: true, timeout: 2_000 });
  await web.stop({ graceful: false });

  return { rate: jobs / seconds, ...used };
}

const database = await createBenchDatabase();
try {
  const reference = await bare(database.url);
  const figure = await full(database.url, database.actor);
  report(
    "runner throughput (no-op self_test, full runner)",
    figure.rate,
    reference.rate,
    "jobs/s",
    `bare pg-boss workers; ${jobs} jobs, batch ${batchSize}, concurrency ${localConcurrency}`,
  );
  const us = (x: number) => `${x.toFixed(0)} us`;
  console.log(
    `CPU per job: node ${us(figure.nodeUs)} (bare ${us(reference.nodeUs)}), ` +
      `PostgreSQL ${us(figure.postgresUs)} (bare ${us(reference.postgresUs)})`,
  );
} finally {
  await database.drop();
}
process.exit(0);
