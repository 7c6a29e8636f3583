// Rows waiting to run whose pg-boss job has already ended: pg-boss gave up on it (every claim
// failed before an attempt could be recorded), its entry is gone, or it completed and the
// runner stopped before writing the attempt (runners write ends behind pg-boss's settle).
// Nothing would ever claim such a row again, so it takes the queue's word for how it ended,
// and a completion keeps the result the runner settled it with.
import { BOSS_SCHEMA } from "../queue/boss";
import { type RunnerRow, runnerColumns } from "./attempt-store";
import { queryRows, type Sql } from "./sql";

const WAITING_SQL_STATUSES = `('queued', 'waiting', 'retrying')`;

/**
 * Settles up to 100 stranded rows untouched for `olderThanSeconds`, each guarded by its change
 * counter, with a timeline event; rows in `heldIds` (whose ends this runner is still writing)
 * are left alone. Returns the rows that moved.
 */
export async function settleStrandedJobs(
  sql: Sql,
  heldIds: string[],
  olderThanSeconds: number,
): Promise<(RunnerRow & { eventKind: "completed" | "failed" | "cancelled" })[]> {
  return queryRows(
    sql,
    `WITH stranded AS (
       SELECT j.id, j.seq, b.state, b.output->>'message' AS reason, b.completed_on,
              CASE WHEN b.output <> '{}'::jsonb AND jsonb_typeof(b.output) = 'object'
                THEN b.output END AS result
         FROM job j
         LEFT JOIN ${BOSS_SCHEMA}.job b ON b.name = j.type AND b.id = j.id
        WHERE j.status IN ${WAITING_SQL_STATUSES}
          AND j."updatedAt" < now() - make_interval(secs => $1)
          AND (b.id IS NULL OR b.state IN ('failed', 'cancelled', 'completed'))
          AND NOT (j.id = ANY($2::uuid[]))
        LIMIT 100
     ), moved AS (
       UPDATE job j
          SET status = CASE WHEN s.state IN ('cancelled', 'completed') THEN s.state ELSE 'failed' END,
              result = CASE WHEN s.state = 'completed' THEN s.result ELSE j.result END,
              progress = CASE WHEN s.state = 'completed' THEN 100 ELSE j.progress END,
              message = CASE WHEN s.state = 'completed' THEN NULL ELSE j.message END,
              error = CASE
                WHEN s.state IN ('cancelled', 'completed') THEN NULL
                WHEN s.state IS NULL THEN 'The queue has no entry for this job any more.'
                ELSE 'The queue ended this job (' || s.state || ') before an attempt was recorded'
                     || COALESCE(': ' || s.reason, '.') END,
              -- When the queue ended it, not when this was noticed.
              "finishedAt" = COALESCE(s.completed_on, now()), seq = j.seq + 1, "updatedAt" = now()
         FROM stranded s
        WHERE j.id = s.id AND j.seq = s.seq AND j.status IN ${WAITING_SQL_STATUSES}
        RETURNING j.*
     ), events AS (
       INSERT INTO job_event ("jobId", seq, kind, attempt, message)
       SELECT id, seq, status, attempt, error FROM moved
     )
     SELECT ${runnerColumns("m")}, m.status AS "eventKind" FROM moved m`,
    [olderThanSeconds, heldIds],
  );
}
