// A backlog like a busy installation's: many queued jobs and a few running, made the way the
// app makes them (our rows and pg-boss's entries in one transaction; a runner's claim).
import { selfTest } from "../../jobs/self-test/definition";
import type { Actor } from "../../lib/auth/actor";
import { enqueuePrepared, prepareJob } from "../../lib/jobs/enqueue-job";
import type { JobServices } from "../../lib/jobs/job-services";
import { bossSql } from "../../lib/jobs/sql";
import { startBoss } from "./bench-database";

/** Enqueues `queued` runnable self_test jobs labelled "load <n>"; resolves with the time taken. */
export async function fillQueued(
  services: JobServices,
  actor: Actor,
  queued: number,
): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < queued; from += 500) {
    const chunk = Array.from({ length: Math.min(500, queued - from) }, (_, i) =>
      prepareJob(selfTest, { steps: 1, stepMs: 0, label: `load ${from + i}` }),
    );
    await enqueuePrepared(services, actor, chunk);
  }

  return performance.now() - started;
}

/**
 * Claims `running` queued jobs the way a runner claims them and marks their rows running,
 * without anything working them; resolves with how many it claimed.
 */
export async function claimRunning(services: JobServices, url: string, running: number) {
  const runner = await startBoss(url);
  try {
    const claimed = await runner.fetch(selfTest.type, { batchSize: running });
    await bossSql(services.boss).executeSql(
      `UPDATE job SET status = 'processing', attempt = 1, "startedAt" = now()
        WHERE id = ANY($1::uuid[])`,
      [claimed.map((j) => j.id)],
    );

    return claimed.length;
  } finally {
    await runner.stop({ graceful: false });
  }
}
