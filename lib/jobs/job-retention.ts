import type { Logger } from "../logger";
import type { JobDefinition } from "../queue/job-definition";
import { queryRows, type Sql } from "./sql";
import { FINAL_STATUSES } from "./status";

const BATCH = 1_000;
// Any constant works; every runner uses the same one so only one of them prunes at a time.
const RETENTION_LOCK_KEY = 727_002;

/**
 * Deletes finished jobs older than their type's deleteAfterSeconds (attempts and events go
 * with them), in small batches so no long lock is held. pg-boss prunes its own tables by the
 * same rule, so both sides forget a job at about the same time.
 */
export async function pruneFinishedJobs(
  sql: Sql,
  definitions: readonly JobDefinition[],
  log?: Logger,
): Promise<number> {
  let deleted = 0;
  for (const definition of definitions) {
    deleted += await pruneType(sql, definition.type, definition.queue.deleteAfterSeconds);
  }
  if (deleted > 0) log?.info({ deleted }, "finished jobs past retention deleted");

  return deleted;
}

/**
 * One statement per batch, each its own transaction holding the pruning lock for that batch
 * only: a session lock would stay with whichever pooled connection took it. A runner that finds
 * the lock taken leaves this type to the runner holding it.
 */
async function pruneType(sql: Sql, type: string, keepSeconds: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [batch] = await queryRows<{ locked: boolean; deleted: number }>(
      sql,
      `WITH lock AS (SELECT pg_try_advisory_xact_lock($1) AS locked),
       gone AS (
         DELETE FROM job WHERE id IN (
           SELECT id FROM job
            WHERE type = $2 AND status = ANY($3::text[])
              AND "finishedAt" < now() - make_interval(secs => $4)
            LIMIT $5)
           AND (SELECT locked FROM lock)
         RETURNING 1
       )
       SELECT (SELECT locked FROM lock) AS locked, (SELECT count(*)::int FROM gone) AS deleted`,
      [RETENTION_LOCK_KEY, type, [...FINAL_STATUSES], keepSeconds, BATCH],
    );
    if (!batch?.locked) return total;
    total += batch.deleted;
    if (batch.deleted < BATCH) return total;
  }
}

/** Prunes now and then for as long as the process runs; the timer never keeps it alive. */
export function schedulePruning(
  sql: Sql,
  definitions: readonly JobDefinition[],
  log: Logger,
  everyMs = 10 * 60_000,
): () => void {
  const run = () =>
    pruneFinishedJobs(sql, definitions, log).catch((err: unknown) =>
      log.warn({ err }, "pruning finished jobs failed; will try again"),
    );
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();

  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
