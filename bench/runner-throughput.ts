// No-op jobs through the full runner (rows, attempts, progress, events, settle) against bare
// pg-boss workers with the same batch size and concurrency, in the same run. Target ratio >= 0.5.
// Each side gets a fresh database, analyzed once its jobs are in. Without that the ratio was
// decided by the planner: pg-boss's fetch on a queue table whose statistics predate a burst of
// inserts becomes a bitmap scan and sort over every queued row (about 4,800 index entries read
// per fetch of 10, against about 130 with the index scan), and which side got that plan
// depended on autovacuum's timing.
//   node --import tsx bench/runner-throughput.ts [--jobs 5000] [--batch 10] [--concurrency 4] [--rounds 3]
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
import { percentile, report } from "./lib/stats";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "5000" },
    rounds: { type: "string", default: "3" },
    batch: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
  },
});
const jobs = Number(values.jobs);
const batchSize = Number(values.batch);
const localConcurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const log = logger.child({ bench: "runner-throughput" });

/** CPU per job since `from`, in microseconds, for this process and for PostgreSQL. */
function cpuPerJob(from: ReturnType<typeof cpuSplit>) {
  const now = cpuSplit();

  return {
    nodeUs: ((now.self - from.self) * 1000) / jobs,
    postgresUs: ((now.postgres - from.postgres) * 1000) / jobs,
  };
}

/** As autovacuum would have by the time a queue this size is being worked. */
async function analyze(boss: Awaited<ReturnType<typeof startBoss>>) {
  await boss.getDb().executeSql("ANALYZE", []);
}

async function bare(url: string) {
  const boss = await startBoss(url);
  await createBareQueue(boss, "bench_bare");
  for (let i = 0; i < jobs; i += 500) {
    const chunk = Array.from({ length: Math.min(500, jobs - i) }, () => ({ data: { steps: 1 } }));
    await boss.insert("bench_bare", chunk);
  }
  await analyze(boss);
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
  await analyze(web);
  const boss = await startBoss(url, 10, true);
  const runner = new JobRunner(boss, JOB_DEFINITIONS, {
    runnerId: "bench",
    databaseUrl: url,
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

/** Runs one side on a database of its own, dropped afterwards. */
async function onFreshDatabase<T>(
  side: (database: Awaited<ReturnType<typeof createBenchDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await createBenchDatabase();
  try {
    return await side(database);
  } finally {
    await database.drop();
  }
}

// The sides take turns, so drift on a shared machine falls on both; each round's ratio is
// printed and the medians make the figure. A first round of each side warms up the code (the
// full runner has far more of it to compile) and is not counted.
type Side = Awaited<ReturnType<typeof bare>>;
const references: Side[] = [];
const figures: Side[] = [];
const ratios: number[] = [];
const us = (x: number) => `${x.toFixed(0)} us`;
await onFreshDatabase((database) => bare(database.url));
await onFreshDatabase((database) => full(database.url, database.actor));
for (let round = 1; round <= rounds; round += 1) {
  const reference = await onFreshDatabase((database) => bare(database.url));
  const figure = await onFreshDatabase((database) => full(database.url, database.actor));
  references.push(reference);
  figures.push(figure);
  ratios.push(figure.rate / reference.rate);
  console.log(
    `round ${round}: ${figure.rate.toFixed(0)} / ${reference.rate.toFixed(0)} jobs/s ` +
      `(ratio ${(figure.rate / reference.rate).toFixed(2)}); CPU per job: node ` +
      `${us(figure.nodeUs)} (bare ${us(reference.nodeUs)}), PostgreSQL ` +
      `${us(figure.postgresUs)} (bare ${us(reference.postgresUs)})`,
  );
}
const median = (sides: Side[], key: keyof Side) =>
  percentile(
    sides.map((side) => side[key]),
    50,
  );
report(
  "runner throughput (no-op self_test, full runner)",
  median(figures, "rate"),
  median(references, "rate"),
  "jobs/s",
  `bare pg-boss workers; medians of ${rounds} rounds of ${jobs} jobs, batch ${batchSize}, ` +
    `concurrency ${localConcurrency}`,
);
console.log(
  `ratio of each round's pair: median ${percentile(ratios, 50).toFixed(2)}, ` +
    `from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}`,
);
console.log(
  `CPU per job (medians): node ${us(median(figures, "nodeUs"))} ` +
    `(bare ${us(median(references, "nodeUs"))}), PostgreSQL ` +
    `${us(median(figures, "postgresUs"))} (bare ${us(median(references, "postgresUs"))})`,
);
process.exit(0);
