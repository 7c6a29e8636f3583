// Time from a cancel's commit (in the web's pg-boss) to the running handler's signal aborting
// in a runner on another pg-boss instance. Roadie: NOTIFY on roadie_job_cancel. Reference, same
// run: pg-boss cancel alone, which a worker notices at its next heartbeat. Target: <= 1 s.
//   node --import tsx bench/cancel-latency.ts [--samples 30] [--reference-samples 3]
import { parseArgs } from "node:util";

import { JOB_DEFINITIONS } from "../jobs/definitions";
import { selfTest } from "../jobs/self-test/definition";
import { enqueuePrepared, prepareJob } from "../lib/jobs/enqueue-job";
import { cancelJob } from "../lib/jobs/job-actions";
import { defineHandler } from "../lib/jobs/job-handler";
import { JobRunner } from "../lib/jobs/job-runner";
import { logger } from "../lib/logger";
import { NullJobEventSink } from "../lib/realtime/job-event-publisher";
import { createBareQueue, createBenchDatabase, sleep, startBoss } from "./lib/bench-database";
import { report, summarize } from "./lib/stats";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "30" },
    "reference-samples": { type: "string", default: "3" },
  },
});

// The abort promise travels in a box: resolving with a bare promise would adopt it and wait.
const running = new Map<string, (box: { aborted: Promise<number> }) => void>();
const runningNow = (id: string) =>
  new Promise<{ aborted: Promise<number> }>((resolve) => running.set(id, resolve));
const abortedAt = (signal: AbortSignal) =>
  new Promise<number>((resolve) =>
    signal.addEventListener("abort", () => resolve(performance.now())),
  );

async function bare(url: string): Promise<number[]> {
  const boss = await startBoss(url);
  const web = await startBoss(url, 2);
  await createBareQueue(boss, "bench_cancel");
  await boss.work("bench_cancel", async ([job]) => {
    if (!job) return;
    const aborted = abortedAt(job.signal);
    running.get(job.id)?.({ aborted });
    await aborted;
  });
  const latencies: number[] = [];
  for (let i = 0; i < Number(values["reference-samples"]); i += 1) {
    const id = (await web.send("bench_cancel", {})) as string;
    const { aborted } = await runningNow(id);
    await web.cancel("bench_cancel", id);
    const cancelled = performance.now();
    latencies.push((await aborted) - cancelled);
  }
  await boss.stop({ graceful: false });
  await web.stop({ graceful: false });

  return latencies;
}

async function full(url: string, actor: Awaited<ReturnType<typeof createBenchDatabase>>["actor"]) {
  const web = await startBoss(url, 4);
  const boss = await startBoss(url, 10, true);
  const events = new NullJobEventSink();
  const handler = defineHandler(selfTest, async ({ job, signal }) => {
    const aborted = abortedAt(signal);
    running.get(job.id)?.({ aborted });
    await aborted;
    signal.throwIfAborted();
  });
  const runner = new JobRunner(boss, JOB_DEFINITIONS, {
    runnerId: "bench",
    databaseUrl: url,
    log: logger,
    events,
    handlers: [handler],
  });
  await runner.start();
  const latencies: number[] = [];
  for (let i = 0; i < Number(values.samples); i += 1) {
    const job = prepareJob(selfTest, { steps: 1 });
    const isRunning = runningNow(job.id);
    await enqueuePrepared({ boss: web, events }, actor, [job]);
    const { aborted } = await isRunning;
    const before = performance.now();
    await cancelJob({ boss: web, events }, actor, job.id);
    latencies.push((await aborted) - before);
    await sleep(20);
  }
  await runner.drain(1_000);
  await boss.stop({ graceful: false });
  await web.stop({ graceful: false });

  return latencies;
}

const database = await createBenchDatabase();
try {
  const figure = summarize(await full(database.url, database.actor));
  const reference = summarize(await bare(database.url));
  report(
    "cancel -> abort p50",
    figure.p50,
    reference.p50,
    "ms",
    "pg-boss cancel alone (heartbeat)",
  );
  report(
    "cancel -> abort max",
    figure.max,
    reference.max,
    "ms",
    `${figure.n} samples; target <= 1000 ms`,
  );
} finally {
  await database.drop();
}
process.exit(0);
