import type { PgBoss } from "pg-boss";

import { JobRunner, type JobRunnerOptions } from "../lib/jobs/job-runner";
import type { Logger } from "../lib/logger";
import type { JobEventSink } from "../lib/realtime/job-event-publisher";
import { JOB_DEFINITIONS } from "./definitions";
import { JOB_HANDLERS } from "./handlers";

interface WorkerOptions {
  runnerId: string;
  /** For the runner's own pool of prepared writes. */
  databaseUrl: string;
  log: Logger;
  events: JobEventSink;
  overrides?: Partial<JobRunnerOptions>;
}

/**
 * Starts working every job type: one pg-boss worker per type with the definition's
 * concurrency, the handlers from handlers.ts, cancellation by NOTIFY and reconciliation.
 */
export async function startWorkers(boss: PgBoss, options: WorkerOptions): Promise<JobRunner> {
  const runner = new JobRunner(boss, JOB_DEFINITIONS, {
    runnerId: options.runnerId,
    databaseUrl: options.databaseUrl,
    log: options.log,
    events: options.events,
    handlers: JOB_HANDLERS,
    ...options.overrides,
  });
  await runner.start();

  return runner;
}
