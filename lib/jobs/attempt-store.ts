// The runner's writes to job rows. Every write after the start is guarded by the attempt
// number, so an expired attempt that is still finishing cannot overwrite its own retry.
import type { JobEventKind } from "../realtime/job-event";
import type { JobRow } from "./job-summary";
import { queryRows, type Sql } from "./sql";
import type { JobStatus } from "./status";

/**
 * What the runner needs of a job row: enough to run the attempt and to build its live events.
 * The payload comes with the pg-boss job, and the rest is the dashboard's to read.
 */
export type RunnerRow = Pick<
  JobRow,
  | "id"
  | "type"
  | "status"
  | "attempt"
  | "progress"
  | "stage"
  | "message"
  | "seq"
  | "label"
  | "error"
  | "createdById"
  | "runAt"
  | "startedAt"
  | "updatedAt"
>;

/** The RunnerRow columns of the job row under `alias`. */
export const runnerColumns = (alias: string) =>
  [
    "id",
    "type",
    "status",
    "attempt",
    "progress",
    "stage",
    "message",
    "seq",
    "label",
    "error",
    "createdById",
    "runAt",
    "startedAt",
    "updatedAt",
  ]
    .map((column) => `${alias}."${column}"`)
    .join(", ");

const LOST_ATTEMPT = "The attempt was lost: it expired or its runner stopped.";

/** Row statuses a claim may start an attempt on ("processing": its last runner was lost). */
export const RUNNABLE_STATUSES: readonly string[] = ["queued", "waiting", "retrying", "processing"];
const RUNNABLE_SQL_STATUSES = `(${RUNNABLE_STATUSES.map((status) => `'${status}'`).join(", ")})`;

/** The rows of claimed jobs, as they stand before any attempt of this claim is recorded. */
export async function readClaimed(sql: Sql, ids: string[]): Promise<RunnerRow[]> {
  return queryRows<RunnerRow>(
    sql,
    `SELECT ${runnerColumns("j")} FROM job j WHERE j.id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface AttemptStart {
  id: string;
  /** The attempt number this claim runs as: the row's attempt when it was read, plus one. */
  attempt: number;
  /**
   * The row's change counter when the claim read it. Any change since (a cancel and a retry,
   * which leave the attempt number as it was) means the row is no longer this claim's.
   */
  seq: number;
  /** How long the handler has been running already; the row's start time is set back by it. */
  runningMs: number;
}

/**
 * Marks claimed jobs processing under their new attempt numbers, opens their attempt rows,
 * closes any attempt a lost runner left open, and records "started". A row that moved since
 * it was read (cancelled, finished, claimed again) is left alone and not returned.
 */
export async function startAttempts(
  sql: Sql,
  starts: AttemptStart[],
  runnerId: string,
): Promise<RunnerRow[]> {
  return queryRows<RunnerRow>(
    sql,
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, attempt int, seq int, "runningMs" int)
     ), started AS (
       UPDATE job j SET status = 'processing', attempt = i.attempt,
         "startedAt" = now() - make_interval(secs => i."runningMs" / 1000.0),
         "finishedAt" = NULL, progress = 0, stage = NULL, message = NULL, error = NULL,
         seq = j.seq + 1, "updatedAt" = now()
       FROM input i
       -- The id list lets the planner fetch the few rows by key; it cannot tell how many rows
       -- jsonb_to_recordset gives and would otherwise scan the table.
       WHERE j.id = ANY($3::uuid[]) AND j.id = i.id AND j.attempt = i.attempt - 1
         AND j.seq = i.seq AND j.status IN ${RUNNABLE_SQL_STATUSES}
       RETURNING j.*
     ), opened AS (
       INSERT INTO job_attempt (id, "jobId", attempt, "runnerId", "startedAt")
       SELECT gen_random_uuid(), id, attempt, $2, "startedAt" FROM started
       ON CONFLICT ("jobId", attempt) DO NOTHING
     ), closed AS (
       -- Over by the time the next attempt began, whenever that is found out.
       UPDATE job_attempt a SET "finishedAt" = LEAST(now(), s."startedAt"), outcome = 'expired',
         error = COALESCE(a.error, '${LOST_ATTEMPT}')
       FROM started s
       WHERE a."jobId" = ANY($3::uuid[]) AND a."jobId" = s.id AND a.attempt < s.attempt
         AND a."finishedAt" IS NULL
     ), events AS (
       INSERT INTO job_event ("jobId", seq, kind, attempt, message, at)
       SELECT id, seq, 'started', attempt, NULL, "startedAt" FROM started
     )
     SELECT ${runnerColumns("s")} FROM started s`,
    [JSON.stringify(starts), runnerId, starts.map((s) => s.id)],
  );
}

export interface ProgressWrite {
  id: string;
  attempt: number;
  percent: number;
  stage: string | null;
  message: string | null;
}

/** Stores progress on the job and its attempt; undefined when the attempt lost the row. */
export async function writeProgress(sql: Sql, p: ProgressWrite): Promise<RunnerRow | undefined> {
  const [row] = await queryRows<RunnerRow>(
    sql,
    `WITH j AS (
       UPDATE job SET progress = $3, stage = $4, message = $5, seq = seq + 1, "updatedAt" = now()
       WHERE id = $1 AND attempt = $2 AND status = 'processing'
       RETURNING *
     ), a AS (
       UPDATE job_attempt SET progress = $3 WHERE "jobId" = $1 AND attempt = $2
     )
     SELECT ${runnerColumns("j")} FROM j`,
    [p.id, p.attempt, p.percent, p.stage, p.message],
  );

  return row;
}

export interface AttemptEnd {
  id: string;
  attempt: number;
  /** The job's status afterwards. */
  status: JobStatus;
  /** How the attempt ended: completed | failed | cancelled | released | expired. */
  outcome: string;
  /** Timeline event kind. */
  kind: string;
  error: string | null;
  message: string | null;
  result: Record<string, unknown> | null;
  /** When the attempt ended, if not now: the queue's record of when it settled a lost attempt. */
  endedAt?: Date | null;
  /**
   * Set when the attempt's start was never written: the end then records the start too, in
   * the same statement, provided the row is still as the claim read it.
   */
  unstarted?: { runningMs: number; seq: number; runnerId: string };
}

/** A row an attempt's end moved, with the timeline event it recorded. */
export type EndedRow = RunnerRow & { eventKind: JobEventKind };

const FINAL_SQL_STATUSES = `('completed', 'failed', 'cancelled')`;

/**
 * Ends attempts in one statement: closes each attempt row and, where the attempt still owns
 * its job row (same attempt, still processing), moves the job on and records the event. An
 * unstarted attempt is opened and closed at once, with its "started" event, if its row is
 * still as its claim read it (same attempt number and change counter, still runnable).
 * Returns the job rows that moved.
 */
export async function endAttempts(sql: Sql, ends: AttemptEnd[]): Promise<EndedRow[]> {
  const input = ends.map(({ unstarted, endedAt, ...end }) => ({
    ...end,
    endedAt: endedAt?.toISOString() ?? null,
    runningMs: unstarted?.runningMs ?? null,
    claimedSeq: unstarted?.seq ?? null,
    runnerId: unstarted?.runnerId ?? null,
  }));

  return queryRows<EndedRow>(
    sql,
    `WITH input AS (
       SELECT *, "runningMs" IS NOT NULL AS unstarted, COALESCE("endedAt", now()) AS "endsAt"
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, attempt int, status text,
           outcome text, kind text, error text, message text, result jsonb,
           "runningMs" int, "claimedSeq" int, "runnerId" text, "endedAt" timestamptz)
     ), moved AS (
       UPDATE job j SET status = i.status, attempt = i.attempt,
         "startedAt" = CASE WHEN i.unstarted
           THEN now() - make_interval(secs => i."runningMs" / 1000.0) ELSE j."startedAt" END,
         "finishedAt" = CASE WHEN i.status IN ${FINAL_SQL_STATUSES} THEN i."endsAt" END,
         progress = CASE WHEN i.status = 'completed' THEN 100
                         WHEN i.unstarted THEN 0 ELSE j.progress END,
         stage = CASE WHEN i.unstarted THEN NULL ELSE j.stage END,
         error = i.error, result = COALESCE(i.result, j.result),
         -- A finished job's last progress line ("Step 9 of 10") would only mislead.
         message = CASE WHEN i.status = 'completed' OR i.unstarted THEN i.message
                        ELSE COALESCE(i.message, j.message) END,
         seq = j.seq + CASE WHEN i.unstarted THEN 2 ELSE 1 END, "updatedAt" = now()
       FROM input i
       -- By key, as in startAttempts.
       WHERE j.id = ANY($2::uuid[]) AND j.id = i.id AND CASE WHEN i.unstarted
         THEN j.attempt = i.attempt - 1 AND j.seq = i."claimedSeq"
           AND j.status IN ${RUNNABLE_SQL_STATUSES}
         ELSE j.attempt = i.attempt AND j.status = 'processing' END
       RETURNING j.*, i.kind AS "eventKind", i.unstarted, i.outcome, i."runnerId", i."endsAt"
     ), opened AS (
       INSERT INTO job_attempt (id, "jobId", attempt, "runnerId", "startedAt", "finishedAt",
         outcome, error, progress)
       SELECT gen_random_uuid(), id, attempt, "runnerId", "startedAt", "endsAt", outcome, error,
         progress
       FROM moved WHERE unstarted
       ON CONFLICT ("jobId", attempt) DO NOTHING
     ), lost AS (
       UPDATE job_attempt a SET "finishedAt" = LEAST(now(), m."startedAt"), outcome = 'expired',
         error = COALESCE(a.error, '${LOST_ATTEMPT}')
       FROM moved m
       WHERE a."jobId" = ANY($2::uuid[]) AND m.unstarted AND a."jobId" = m.id
         AND a.attempt < m.attempt AND a."finishedAt" IS NULL
     ), closed AS (
       UPDATE job_attempt a SET "finishedAt" = i."endsAt", outcome = i.outcome, error = i.error,
         progress = CASE WHEN i.status = 'completed' THEN 100 ELSE a.progress END
       FROM input i
       WHERE a."jobId" = ANY($2::uuid[]) AND NOT i.unstarted AND a."jobId" = i.id
         AND a.attempt = i.attempt AND a."finishedAt" IS NULL
     ), events AS (
       INSERT INTO job_event ("jobId", seq, kind, attempt, message, at)
       SELECT id, seq - 1, 'started', attempt, NULL, "startedAt" FROM moved WHERE unstarted
       UNION ALL
       SELECT id, seq, "eventKind", attempt, COALESCE(error, message), "endsAt" FROM moved
     )
     SELECT ${runnerColumns("m")}, m."eventKind" FROM moved m`,
    [JSON.stringify(input), ends.map((end) => end.id)],
  );
}

/** Running rows not touched for a while and not held by this runner: candidates to reconcile. */
export async function staleProcessing(
  sql: Sql,
  heldIds: string[],
  olderThanSeconds: number,
): Promise<Pick<JobRow, "id" | "type" | "attempt">[]> {
  return queryRows(
    sql,
    `SELECT id, type, attempt FROM job
      WHERE status = 'processing' AND "updatedAt" < now() - make_interval(secs => $2)
        AND NOT (id = ANY($1::uuid[]))
      ORDER BY "updatedAt" LIMIT 100`,
    [heldIds, olderThanSeconds],
  );
}
