import type { Job, JobResult, PgBoss } from "pg-boss";

import type { Logger } from "../logger";
import { type JobDefinition, storedPayloadSchema } from "../queue/job-definition";
import type { JobEventSink } from "../realtime/job-event-publisher";
import { type AttemptEnd, endAttempts, type RunnerRow } from "./attempt-store";
import type { DeferredStarts } from "./deferred-starts";
import type { EndBatcher } from "./end-batcher";
import { createAttemptContext, StopSignal } from "./job-context";
import { JobNotAvailableError, PermanentJobError, type RegisteredHandler } from "./job-handler";
import { publishRows } from "./job-events";
import { reconcileLost } from "./lost-attempts";
import { inTransaction, type Sql } from "./sql";

export interface AttemptDeps {
  boss: PgBoss;
  sql: Sql;
  /** Where progress writes go (see JobRunnerOptions.databaseUrl). */
  writes: Sql;
  events: JobEventSink;
  log: Logger;
  progressIntervalMs: number;
  ends: EndBatcher;
  /** The claimed batch's starts, written late or together with their ends. */
  starts: DeferredStarts;
}

type Outcome =
  | { kind: "completed"; result: Record<string, unknown> | null }
  | { kind: "failed"; error: string; permanent: boolean }
  | { kind: "stopped"; reason: "cancelled" | "drain" | "lost" };

const MAX_RESULT_BYTES = 16_384;
const MAX_ERROR_CHARS = 2_000;

function summarizeResult(result: unknown): Record<string, unknown> | null {
  if (result === undefined || result === null) return null;
  const value = typeof result === "object" && !Array.isArray(result) ? result : { value: result };
  const text = JSON.stringify(value);

  return text.length > MAX_RESULT_BYTES
    ? { truncated: true, bytes: text.length }
    : (value as Record<string, unknown>);
}

const errorText = (err: unknown) =>
  (err instanceof Error ? err.message || err.name : String(err)).slice(0, MAX_ERROR_CHARS);

/**
 * Runs one claimed attempt end to end: handler with its context, then the row, attempt and
 * timeline updated, events published, and the disposition pg-boss settles the job with.
 */
export async function runAttempt(
  deps: AttemptDeps,
  definition: JobDefinition,
  handler: RegisteredHandler | undefined,
  job: Job<unknown>,
  row: RunnerRow,
  controller: AbortController,
): Promise<JobResult> {
  const started = performance.now();
  let lost = false;
  // pg-boss's abort (claim lost, expired) is forwarded to the attempt's own signal rather than
  // combined with it through AbortSignal.any, which cost more per job than the rest of the setup.
  const onClaimLost = () => {
    lost = true;
    controller.abort(job.signal.reason);
  };
  if (job.signal.aborted) onClaimLost();
  else job.signal.addEventListener("abort", onClaimLost, { once: true });

  const outcome = await execute(deps, definition, handler, job, row, controller, () => lost);
  // pg-boss aborts every job's signal once the batch is settled, which is no news to this attempt.
  job.signal.removeEventListener("abort", onClaimLost);
  const disposition = await settle(deps, definition, job, row, outcome);
  const durationMs = Math.round(performance.now() - started);
  // One line per attempt, so its fields are given here rather than through a child logger,
  // whose bindings would be serialized for this line alone.
  const fields = {
    jobId: row.id,
    type: row.type,
    attempt: row.attempt,
    durationMs,
    outcome: outcome.kind,
    disposition: disposition.status,
  };
  if (outcome.kind === "failed")
    deps.log.warn({ ...fields, error: outcome.error }, "job attempt failed");
  else deps.log.info(fields, "job attempt finished");

  return disposition;
}

async function execute(
  deps: AttemptDeps,
  definition: JobDefinition,
  handler: RegisteredHandler | undefined,
  job: Job<unknown>,
  row: RunnerRow,
  controller: AbortController,
  wasLost: () => boolean,
): Promise<Outcome> {
  const parsed = storedPayloadSchema(definition).safeParse(job.data);
  const handle = createAttemptContext(
    deps,
    job,
    row,
    controller,
    parsed.data,
    definition.queue.retryLimit,
  );
  try {
    if (!handler) throw new JobNotAvailableError(definition.title);
    if (!parsed.success) throw new PermanentJobError(`Invalid payload: ${parsed.error.message}`);
    const result = await handler.run(handle.context);
    // A handler that finished anyway after a cancel, or after its row moved on to another
    // attempt, did not complete this attempt: its result would land on a row it no longer owns.
    const stop: unknown = controller.signal.reason;
    if (stop instanceof StopSignal && stop.reason === "cancelled") {
      return { kind: "stopped", reason: "cancelled" };
    }
    if (stop instanceof StopSignal && stop.reason === "superseded") {
      return { kind: "stopped", reason: "lost" };
    }
    // Completion stores 100% itself; a progress write still pending would only be superseded.
    handle.coalescer.discard();

    return { kind: "completed", result: summarizeResult(result) };
  } catch (err) {
    const reason: unknown = controller.signal.reason;
    if (reason instanceof StopSignal) {
      return { kind: "stopped", reason: reason.reason === "superseded" ? "lost" : reason.reason };
    }
    if (wasLost()) return { kind: "stopped", reason: "lost" };

    return { kind: "failed", error: errorText(err), permanent: err instanceof PermanentJobError };
  } finally {
    await handle.coalescer.close();
  }
}

function end(row: RunnerRow, fields: Omit<AttemptEnd, "id" | "attempt">): AttemptEnd {
  return { id: row.id, attempt: row.attempt, ...fields };
}

async function settle(
  deps: AttemptDeps,
  definition: JobDefinition,
  job: Job<unknown>,
  row: RunnerRow,
  outcome: Outcome,
): Promise<JobResult> {
  const base = { error: null, message: null, result: null };
  if (outcome.kind === "completed") {
    const fields = { ...base, result: outcome.result };
    await finish(
      deps,
      end(row, { ...fields, status: "completed", outcome: "completed", kind: "completed" }),
    );

    return { id: job.id, status: "completed", output: outcome.result ?? {} };
  }
  if (outcome.kind === "failed") {
    const retry = !outcome.permanent && job.retryCount < definition.queue.retryLimit;
    const status = retry ? "retrying" : "failed";
    await finish(
      deps,
      end(row, { ...base, error: outcome.error, status, outcome: "failed", kind: status }),
    );

    return {
      id: job.id,
      status: outcome.permanent ? "deadletter" : "failed",
      output: { message: outcome.error },
    };
  }
  if (outcome.reason === "drain") {
    // A release hands back a row this attempt owns, so the start must be on record first.
    if (await deps.starts.ensure(row.id).catch(() => false)) {
      await release(deps, definition, job, row);
    }
  } else if (outcome.reason === "cancelled") {
    await finish(
      deps,
      end(row, { ...base, status: "cancelled", outcome: "cancelled", kind: "cancelled" }),
    );

    // A cancel leaves a claimed job to its claim to settle (lib/jobs/job-actions.ts): for good.
    return { id: job.id, status: "deadletter", output: { message: "stopped: cancelled" } };
  } else {
    // An attempt that lost its claim before its start was written leaves nothing to record.
    const unstarted = await deps.starts.beforeEnd(row.id);
    if (!unstarted) await reconcileLost(deps, definition, job, row);
  }

  // Released or lost: the job is no longer active under this claim, so pg-boss's settle of it
  // changes nothing.
  return { id: job.id, status: "failed", output: { message: `stopped: ${outcome.reason}` } };
}

/**
 * Writes the attempt's end through the end batcher. A completion is written behind: the caller
 * returns at once and pg-boss settles the job while the row is written, which takes a round
 * trip off every claimed batch. A completed job is never claimed again, and pg-boss's record of
 * it (state and output) is the one the reconciler trusts, so an end that cannot be written,
 * even after the batcher's retries, leaves the row to be settled from it.
 * Any other end is waited for: pg-boss may hand a failed job out again after its retry delay,
 * and the next claim must find this attempt on record, or it would run as this attempt again.
 */
async function finish(deps: AttemptDeps, ended: AttemptEnd) {
  const unstarted = await deps.starts.beforeEnd(ended.id);
  const written = deps.ends.end(unstarted ? { ...ended, unstarted } : ended).then((moved) => {
    for (const row of moved) publishRows(deps.events, [row], row.eventKind);
  });
  if (ended.status !== "completed") {
    await written;

    return;
  }
  written.catch((err: unknown) =>
    deps.log.error(
      { err, jobId: ended.id, attempt: ended.attempt, status: ended.status },
      "attempt outcome not written; the job will be settled from pg-boss's record of it",
    ),
  );
}

/**
 * Gives a job back on drain: queued again at once, for any runner, without waiting for a
 * heartbeat to lapse. The row and the pg-boss job change together.
 */
async function release(
  deps: AttemptDeps,
  definition: JobDefinition,
  job: Job<unknown>,
  row: RunnerRow,
) {
  const ended = end(row, {
    status: "queued",
    outcome: "released",
    kind: "released",
    error: null,
    message: "Released by a stopping runner; it will run again.",
    result: null,
  });
  const moved = await inTransaction(deps.boss, async (tx) => {
    const rows = await endAttempts(tx, [ended]);
    if (rows.length === 0) return rows;
    await deps.boss.cancel(definition.type, { id: job.id, retryCount: job.retryCount }, { db: tx });
    await deps.boss.resume(definition.type, job.id, { db: tx });

    return rows;
  });
  publishRows(deps.events, moved, "released");
}
