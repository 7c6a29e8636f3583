// What becomes of an attempt's row when the attempt lost its claim or its runner: pg-boss's
// record of the job decides, since the queue settles a job whether or not its row was written.
import type { Job, JobWithMetadata } from "pg-boss";

import type { JobDefinition } from "../queue/job-definition";
import { type AttemptEnd, endAttempts, type RunnerRow } from "./attempt-store";
import { publishRows } from "./job-events";
import type { AttemptDeps } from "./run-attempt";
import { statusFromBoss } from "./status";

/**
 * The attempt lost its claim (expired, heartbeat lapsed, or its row moved on), or its runner
 * stopped before its end was written: record what pg-boss says became of the job, if this
 * attempt still owns the row. A job pg-boss completed keeps the result the runner gave it.
 */
export async function reconcileLost(
  deps: Pick<AttemptDeps, "boss" | "sql" | "events">,
  definition: JobDefinition,
  job: Pick<Job<unknown>, "id">,
  row: Pick<RunnerRow, "id" | "attempt">,
) {
  const [current] = await deps.boss.findJobs(definition.type, { id: job.id });
  if (current?.state === "active") {
    // Claimed again by another attempt; that attempt owns the row now.
    await endAttempts(deps.sql, [endFromQueue(row, "processing", undefined)]);

    return;
  }
  const status = current ? statusFromBoss(current) : "failed";
  const moved = await endAttempts(deps.sql, [endFromQueue(row, status, current)]);
  const kind =
    status === "completed" || status === "retrying" || status === "cancelled" ? status : "failed";
  publishRows(deps.events, moved, kind);
}

/**
 * The attempt's end as pg-boss's record has it: a completion keeps the result summary the
 * runner settled it with; anything else was lost by this attempt. It ended when pg-boss
 * settled the job, if pg-boss has.
 */
function endFromQueue(
  row: Pick<RunnerRow, "id" | "attempt">,
  status: AttemptEnd["status"],
  record: Pick<JobWithMetadata, "output" | "completedOn"> | undefined,
): AttemptEnd {
  const completed = status === "completed";

  return {
    id: row.id,
    attempt: row.attempt,
    status,
    outcome: completed ? "completed" : status === "cancelled" ? "cancelled" : "expired",
    kind: status === "processing" ? "expired" : status,
    error: completed ? null : "The attempt expired or lost its runner.",
    message: null,
    result: completed ? resultOf(record?.output) : null,
    endedAt: record?.completedOn,
  };
}

const resultOf = (output: unknown) =>
  output && typeof output === "object" && !Array.isArray(output) && Object.keys(output).length > 0
    ? (output as Record<string, unknown>)
    : null;
