import { setTimeout as sleep } from "node:timers/promises";

import type { z } from "zod";

import type { Actor } from "../auth/actor";
import { AppError } from "../http/errors";
import { prepareJob, requireDefinition } from "./enqueue-job";
import { bossOptionsOf } from "./send-to-queues";
import type { JobSummary, updateJobBody } from "./job-dto";
import { publishRows } from "./job-events";
import { findVisibleJob } from "./job-queries";
import type { JobServices } from "./job-services";
import { type JobRow, toJobSummary } from "./job-summary";
import { bossPriorityOf, type JobPriority } from "./priority";
import { bossSql, inTransaction, queryRows, type Sql } from "./sql";
import {
  CANCELLABLE_STATUSES,
  EDITABLE_STATUSES,
  effectiveStatus,
  LIVE_STATUSES,
  RETRYABLE_STATUSES,
} from "./status";

/** Runners LISTEN here; the payload is a job id whose running handler must stop. */
export const CANCEL_CHANNEL = "roadie_job_cancel";

function wrongState(row: JobRow, action: string): AppError {
  const status = effectiveStatus(row);

  return new AppError("conflict", `A ${status} job cannot be ${action}.`, {
    status,
    jobId: row.id,
  });
}

/** Updates the job row under a status guard; the new row, or undefined if the guard failed. */
async function guardedUpdate(
  tx: Sql,
  id: string,
  allowed: readonly string[],
  set: string,
  values: unknown[] = [],
): Promise<JobRow | undefined> {
  const [row] = await queryRows<JobRow>(
    tx,
    `UPDATE job SET ${set}, seq = seq + 1, "updatedAt" = now()
      WHERE id = $1 AND status = ANY($2::text[]) RETURNING *`,
    [id, allowed, ...values],
  );

  return row;
}

async function addEvent(tx: Sql, row: JobRow, kind: string, message: string | null) {
  await tx.executeSql(
    `INSERT INTO job_event ("jobId", seq, kind, attempt, message) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, row.seq, kind, row.attempt, message],
  );
}

const withName = (row: JobRow, before: JobRow): JobRow => ({
  ...row,
  createdByName: before.createdByName,
});

/**
 * Cancels a queued, waiting, retrying or running job. The row changes in one transaction with
 * a NOTIFY to the runners: whichever runner holds the job aborts its handler at once, instead
 * of noticing at its next heartbeat. A job no runner holds is cancelled in pg-boss too; a
 * claimed one is left for its claim to settle, so that a retry, which queues the job again
 * under the same id, waits for that settle instead of having it land on the new entry.
 */
export async function cancelJob(
  services: JobServices,
  actor: Actor,
  id: string,
): Promise<JobSummary> {
  const before = await findVisibleJob(bossSql(services.boss), actor, id);
  const row = await inTransaction(services.boss, async (tx) => {
    const updated = await guardedUpdate(
      tx,
      id,
      CANCELLABLE_STATUSES,
      `status = 'cancelled', "finishedAt" = now(), message = $3`,
      [`Cancelled by ${actor.name}`],
    );
    if (!updated) return undefined;
    const [claimed] = await services.boss.findJobs(updated.type, { id, db: tx });
    if (claimed?.state !== "active") await services.boss.cancel(updated.type, id, { db: tx });
    await addEvent(tx, updated, "cancelled", updated.message);
    await tx.executeSql(`SELECT pg_notify($1, $2)`, [CANCEL_CHANNEL, id]);

    return withName(updated, before);
  });
  if (!row) throw wrongState(await findVisibleJob(bossSql(services.boss), actor, id), "cancelled");

  publishRows(services.events, [row], "cancelled");

  return toJobSummary(row);
}

/**
 * Queues a failed or cancelled job again with a fresh set of attempts. Failed jobs stay in the
 * list with their errors (the dashboard's dead-letter view); this is how they come back.
 */
export async function retryJob(
  services: JobServices,
  actor: Actor,
  id: string,
): Promise<JobSummary> {
  const before = await findVisibleJob(bossSql(services.boss), actor, id);
  const definition = requireDefinition(before.type);
  await waitUntilSettled(services, before.type, id);
  const row = await inTransaction(services.boss, async (tx) => {
    await refuseLiveDuplicate(tx, before);
    const updated = await guardedUpdate(
      tx,
      id,
      RETRYABLE_STATUSES,
      `status = 'queued', error = NULL, "startedAt" = NULL, "finishedAt" = NULL, progress = 0,
       stage = NULL, message = $3, "runAt" = NULL, "maxAttempts" = attempt + $4`,
      [`Retried by ${actor.name}`, definition.queue.retryLimit + 1],
    );
    if (!updated) return undefined;
    // A fresh pg-boss job under the same id: the old one may be deleted already, and a new
    // one gets the queue's full retry budget.
    const prepared = { ...prepareJob(definition, updated.payload, { stored: true }), id };
    const { data, ...options } = bossOptionsOf({
      ...prepared,
      priority: updated.priority as JobPriority,
    });
    await services.boss.deleteJob(updated.type, id, { db: tx });
    const sent = await services.boss.send(updated.type, data ?? {}, { ...options, db: tx });
    // pg-boss keeps a job it has not settled yet: nothing was queued, so nothing may change.
    if (!sent) throw stillFinishing();
    await addEvent(tx, updated, "queued", updated.message);

    return withName(updated, before);
  });
  if (!row) throw wrongState(await findVisibleJob(bossSql(services.boss), actor, id), "retried");

  publishRows(services.events, [row], "queued");

  return toJobSummary(row);
}

const stillFinishing = () =>
  new AppError("conflict", "The job is still finishing; try again in a moment.");

/**
 * A runner writes a failed attempt's row before pg-boss settles the job, and a cancelled job's
 * claim settles once its handler has stopped: a retry that arrives in between waits a moment
 * for that (milliseconds in practice). A claim still held after that is answered 409: queueing the
 * job again under its id while a handler still runs would let that claim's settle land on the
 * new entry.
 */
async function waitUntilSettled(services: JobServices, type: string, id: string) {
  for (let i = 0; i < 30; i += 1) {
    const [job] = await services.boss.findJobs(type, { id });
    if (!job || job.state !== "active") return;
    await sleep(100);
  }
  throw stillFinishing();
}

async function refuseLiveDuplicate(tx: Sql, row: JobRow) {
  if (!row.dedupeKey) return;
  await tx.executeSql(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7270))`, [row.dedupeKey]);
  const [live] = await queryRows<{ id: string }>(
    tx,
    `SELECT id FROM job WHERE "dedupeKey" = $1 AND status = ANY($2::text[]) AND id <> $3 LIMIT 1`,
    [row.dedupeKey, LIVE_STATUSES, row.id],
  );
  if (live) {
    throw new AppError("conflict", "The same job is already queued or running.", {
      jobId: live.id,
    });
  }
}

/**
 * Changes the priority or payload of a job that has not started. pg-boss's update touches only
 * jobs not yet active, so a job claimed meanwhile rolls the whole change back (409).
 */
export async function updateJob(
  services: JobServices,
  actor: Actor,
  id: string,
  body: z.output<typeof updateJobBody>,
): Promise<JobSummary> {
  const before = await findVisibleJob(bossSql(services.boss), actor, id);
  const definition = requireDefinition(before.type);
  const edited = body.payload ? prepareJob(definition, body.payload) : undefined;
  const payload = edited?.payload ?? (before.payload as Record<string, unknown>);
  // A new payload gets the label its type gives it ("5 steps", the artist named).
  const label = edited?.label ?? before.label;
  if (edited) await definition.checkPayload?.(payload, bossSql(services.boss));
  const priority = body.priority ?? (before.priority as JobPriority);
  const row = await inTransaction(services.boss, async (tx) => {
    const updated = await guardedUpdate(
      tx,
      id,
      EDITABLE_STATUSES,
      `priority = $3, payload = $4::jsonb, label = $5`,
      [priority, JSON.stringify(payload), label],
    );
    if (!updated) return undefined;
    const { jobs } = await services.boss.update(updated.type, payload, {
      id,
      priority: bossPriorityOf(priority),
      db: tx,
    });
    if (jobs.length === 0) throw wrongState({ ...updated, status: "processing" }, "changed");
    await addEvent(tx, updated, "updated", null);

    return withName(updated, before);
  });
  if (!row) throw wrongState(await findVisibleJob(bossSql(services.boss), actor, id), "changed");

  publishRows(services.events, [row], "updated");

  return toJobSummary(row);
}
