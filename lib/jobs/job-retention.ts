import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { JobDefinition } from "../queue/job-definition";
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
  db: Db,
  definitions: readonly JobDefinition[],
  log?: Logger,
): Promise<number> {
  const [lock] = await db.$queryRaw<{ locked: boolean }[]>`
    SELECT pg_try_advisory_lock(${RETENTION_LOCK_KEY}) AS locked`;
  if (!lock?.locked) return 0;

  try {
    let deleted = 0;
    for (const definition of definitions) {
      deleted += await pruneType(db, definition.type, definition.queue.deleteAfterSeconds);
    }
    if (deleted > 0) log?.info({ deleted }, "finished jobs past retention deleted");

    return deleted;
  } finally {
    await db.$queryRaw`SELECT pg_advisory_unlock(${RETENTION_LOCK_KEY})`;
  }
}

async function pruneType(db: Db, type: string, keepSeconds: number): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "job" WHERE "id" IN (
        SELECT "id" FROM "job"
         WHERE "type" = ${type}
           AND "status" = ANY(${[...FINAL_STATUSES]}::text[])
           AND "finishedAt" < now() - ${keepSeconds}::int * interval '1 second'
         LIMIT ${BATCH})`;
    total += count;
    if (count < BATCH) return total;
  }
}

/** Prunes now and then for as long as the process runs; the timer never keeps it alive. */
export function schedulePruning(
  db: Db,
  definitions: readonly JobDefinition[],
  log: Logger,
  everyMs = 10 * 60_000,
): () => void {
  const run = () =>
    pruneFinishedJobs(db, definitions, log).catch((err: unknown) =>
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
