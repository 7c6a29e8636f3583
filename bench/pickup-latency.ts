// Time from an enqueue's commit to its handler starting, with the runner idle and woken by
// LISTEN/NOTIFY; the reference is bare pg-boss send -> work on a notify queue in the same run.
// Target: p50 <= 10 ms.   node --import tsx bench/pickup-latency.ts [--samples 200]
import { parseArgs } from "node:util";

import { JOB_DEFINITIONS } from "../jobs/definitions";
import { selfTest } from "../jobs/self-test/definition";
import { enqueuePrepared, prepareJob } from "../lib/jobs/enqueue-job";
import { defineHandler } from "../lib/jobs/job-handler";
import { JobRunner } from "../lib/jobs/job-runner";
import { logger } from "../lib/logger";
import { NullJobEventSink } from "../lib/realtime/job-event-publisher";
import { createBareQueue, createBenchDatabase, sleep, startBoss } from "./lib/bench-database";
import { report, summarize } from "./lib/stats";

const { values } = parseArgs({ options: { samples: { type: "string", default: "200" } } });
const samples = Number(values.samples);

/** Resolves when the job with this id starts, with the time it did. */
const starts = new Map<string, (at: number) => void>();
const started = (id: string) => new Promise<number>((resolve) => starts.set(id, resolve));

async function bare(url: string): Promise<number[]> {
  const boss = await startBoss(url);
  await createBareQueue(boss, "bench_pickup");
  await boss.work("bench_pickup", { notifyPollingIntervalSeconds: 30 }, async ([job]) => {
    if (job) starts.get(job.id)?.(performance.now());
  });
  await sleep(500);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const before = performance.now();
    const id = await boss.send("bench_pickup", {});
    const sent = performance.now();
    const at = await started(id as string);
    latencies.push(at - sent);
    if (i === 0 && at - before > 1_000) latencies.pop();
    await sleep(10);
  }
  await boss.stop({ graceful: true, timeout: 1_000 });

  return latencies;
}

async function full(url: string, actor: Awaited<ReturnType<typeof createBenchDatabase>>["actor"]) {
  const web = await startBoss(url, 4);
  const boss = await startBoss(url, 10, true);
  const events = new NullJobEventSink();
  const handler = defineHandler(selfTest, async ({ job }) => {
    starts.get(job.id)?.(performance.now());
  });
  const runner = new JobRunner(boss, JOB_DEFINITIONS, {
    runnerId: "bench",
    databaseUrl: url,
    log: logger,
    events,
    handlers: [handler],
    notifyPollingIntervalSeconds: 30,
  });
  await runner.start();
  await sleep(500);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const job = prepareJob(selfTest, { steps: 0 });
    const waiting = started(job.id);
    await enqueuePrepared({ boss: web, events }, actor, [job]);
    const committed = performance.now();
    latencies.push((await waiting) - committed);
    await sleep(10);
  }
  await runner.drain(1_000);
  await boss.stop({ graceful: true, timeout: 1_000 });
  await web.stop({ graceful: false });

  return latencies;
}

const database = await createBenchDatabase();
try {
  const reference = summarize(await bare(database.url));
  const figure = summarize(await full(database.url, database.actor));
  report(
    "pickup latency p50 (enqueue commit -> handler start)",
    figure.p50,
    reference.p50,
    "ms",
    "bare pg-boss send -> work, NOTIFY",
  );
  report(
    "pickup latency p99",
    figure.p99,
    reference.p99,
    "ms",
    `${figure.n} samples; target p50 <= 10 ms`,
  );
} finally {
  await database.drop();
}
process.exit(0);
