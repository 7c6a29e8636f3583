// The runner's writes to job rows. Every write after the start is guarded by the attempt
// number, so an expired attempt that is still finishing cannot overwrite its own retry.
import type { JobRow } from "./job-summary";
import { queryRows, type Sql } from "./sql";
import type { JobStatus } from "./status";

/**
 * Marks claimed jobs processing under a new attempt number, opens their attempt rows, closes
 * any attempt a lost runner left open, and records "started". Rows already cancelled or
 * finished are left alone and not returned.
 */
export async function startAttempts(sql: Sql, ids: string[], runnerId: string): Promise<JobRow[]> {
  return queryRows<JobRow>(
    sql,
    `WITH started AS (
       UPDATE job j SET status = 'processing', attempt = j.attempt + 1, "startedAt" = now(),
         "finishedAt" = NULL, progress = 0, stage = NULL, message = NULL, error = NULL,
         seq = j.seq + 1, "updatedAt" = now()
       WHERE j.id = ANY($1::uuid[])
         AND j.status IN ('queued', 'waiting', 'retrying', 'processing')
       RETURNING j.*
     ), opened AS (
       INSERT INTO job_attempt (id, "jobId", attempt, "runnerId")
       SELECT gen_random_uuid(), id, attempt, $2 FROM started
       ON CONFLICT ("jobId", attempt) DO NOTHING
     ), closed AS (
       UPDATE job_attempt a SET "finishedAt" = now(), outcome = 'expired',
         error = COALESCE(a.error, 'The attempt was lost: it expired or its runner stopped.')
       FROM started s
       WHERE a."jobId" = s.id AND a.attempt < s.attempt AND a."finishedAt" IS NULL
     ), events AS (
       INSERT INTO job_event ("jobId", seq, kind, attempt, message)
       SELECT id, seq, 'started', attempt, NULL FROM started
     )
     SELECT s.*, NULL::text AS "createdByName" FROM started s`,
    [ids, runnerId],
  );
}

/** Statuses of rows that were not started, to decide what to tell pg-boss. */
export async function statusesOf(sql: Sql, ids: string[]): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; status: string }>(
    sql,
    `SELECT id, status FROM job WHERE id = ANY($1::uuid[])`,
    [ids],
  );

  return new Map(rows.map((r) => [r.id, r.status]));
}

export interface ProgressWrite {
  id: string;
  attempt: number;
  percent: number;
  stage: string | null;
  message: string | null;
}

/** Stores progress on the job and its attempt; undefined when the attempt lost the row. */
export async function writeProgress(sql: Sql, p: ProgressWrite): Promise<JobRow | undefined> {
  const [row] = await queryRows<JobRow>(
    sql,
    `WITH j AS (
       UPDATE job SET progress = $3, stage = $4, message = $5, seq = seq + 1, "updatedAt" = now()
       WHERE id = $1 AND attempt = $2 AND status = 'processing'
       RETURNING *
     ), a AS (
       UPDATE job_attempt SET progress = $3 WHERE "jobId" = $1 AND attempt = $2
     )
     SELECT * FROM j`,
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
}

const FINAL_SQL_STATUSES = `('completed', 'failed', 'cancelled')`;

/**
 * Ends attempts in one statement: closes each attempt row and, where the attempt still owns
 * its job row (same attempt, still processing), moves the job on and records the event.
 * Returns the job rows that moved.
 */
export async function endAttempts(sql: Sql, ends: AttemptEnd[]): Promise<JobRow[]> {
  return queryRows<JobRow>(
    sql,
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, attempt int, status text,
         outcome text, kind text, error text, message text, result jsonb)
     ), moved AS (
       UPDATE job j SET status = i.status,
         "finishedAt" = CASE WHEN i.status IN ${FINAL_SQL_STATUSES} THEN now() END,
         progress = CASE WHEN i.status = 'completed' THEN 100 ELSE j.progress END,
         error = i.error, result = COALESCE(i.result, j.result),
         -- A finished job's last progress line ("Step 9 of 10") would only mislead.
         message = CASE WHEN i.status = 'completed' THEN i.message
                        ELSE COALESCE(i.message, j.message) END,
         seq = j.seq + 1, "updatedAt" = now()
       FROM input i
       WHERE j.id = i.id AND j.attempt = i.attempt AND j.status = 'processing'
       RETURNING j.*, i.kind AS "eventKind"
     ), closed AS (
       UPDATE job_attempt a SET "finishedAt" = now(), outcome = i.outcome, error = i.error,
         progress = CASE WHEN i.status = 'completed' THEN 100 ELSE a.progress END
       FROM input i
       WHERE a."jobId" = i.id AND a.attempt = i.attempt AND a."finishedAt" IS NULL
     ), events AS (
       INSERT INTO job_event ("jobId", seq, kind, attempt, message)
       SELECT id, seq, "eventKind", attempt, COALESCE(error, message) FROM moved
     )
     SELECT m.*, NULL::text AS "createdByName" FROM moved m`,
    [JSON.stringify(ends)],
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
