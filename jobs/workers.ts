import type { PgBoss } from "pg-boss";

import type { Logger } from "../lib/logger";
import { JOB_DEFINITIONS } from "./definitions";

interface WorkerOptions {
  runnerId: string;
  log: Logger;
}

/**
 * Registers one pg-boss worker per job type. Types without a handler yet fail their jobs
 * with a clear reason instead of leaving them queued.
 */
export async function startWorkers(boss: PgBoss, { log }: WorkerOptions) {
  for (const definition of JOB_DEFINITIONS) {
    await boss.work(
      definition.type,
      { localConcurrency: definition.concurrency, batchSize: 1 },
      async ([job]) => {
        log.warn({ jobId: job?.id, type: definition.type }, "no handler for this job type");
        throw new Error(`${definition.title} is not available yet in this version of Roadie.`);
      },
    );
  }

  return {
    /** Stops fetching new jobs; running ones finish or are released by boss.stop(). */
    drain: async (_timeoutMs: number) => {
      await Promise.all(JOB_DEFINITIONS.map((d) => boss.offWork(d.type, { wait: false })));
    },
  };
}
