// What a claimed batch hands back to pg-boss for jobs it could not run or record, and how a
// claimed row looks to the attempt that runs it.
import type { Job, JobResult } from "pg-boss";

import type { Logger } from "../logger";
import type { RunnerRow } from "./attempt-store";

/** The row as the claimed attempt sees it while it runs, before its start is written. */
export function asNextAttempt(row: RunnerRow): RunnerRow {
  return {
    ...row,
    status: "processing",
    attempt: row.attempt + 1,
    progress: 0,
    stage: null,
    message: null,
    error: null,
  };
}

/** Jobs claimed whose rows are finished or gone: pg-boss is settled to match the row. */
export function notStartedResults(
  jobs: Job<unknown>[],
  claimed: RunnerRow[],
  log: Logger,
): JobResult[] {
  const statuses = new Map(claimed.map((row) => [row.id, row.status]));

  return jobs.map((job) => {
    const status = statuses.get(job.id);
    if (status === "completed") return { id: job.id, status: "completed" };
    log.warn({ jobId: job.id, type: job.name, status }, "claimed a job whose row is not runnable");

    return {
      id: job.id,
      status: "deadletter",
      output: { message: `job row is ${status ?? "missing"}` },
    };
  });
}

/**
 * An attempt whose outcome could not be written (the database went away mid-write): this job
 * alone goes back to pg-boss as failed, to be retried while retries remain, and its next claim
 * reads what did land.
 * Failing the whole batch instead would hand its other jobs, still running, to another claim.
 */
export function unrecordedResult(job: Job<unknown>, err: unknown, log: Logger): JobResult {
  log.warn({ err, jobId: job.id, type: job.name }, "attempt outcome not recorded");

  return {
    id: job.id,
    status: "failed",
    output: { message: "The attempt's outcome could not be recorded." },
  };
}
