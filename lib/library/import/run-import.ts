import { setTimeout as sleep } from "node:timers/promises";

import { metadataEnrichment } from "../../../jobs/metadata-enrichment/definition";
import type { Actor } from "../../auth/actor";
import { enqueuePrepared, prepareJob } from "../../jobs/enqueue-job";
import { enrichmentKeyOf } from "../../jobs/enqueue-enrichment";
import type { JobServices } from "../../jobs/job-services";
import { inTransaction, queryRows } from "../../jobs/sql";
import { FINAL_STATUSES } from "../../jobs/status";
import { withJobTransaction } from "../join-transaction";
import type { ImportResultSummary } from "./import-dto";

const CREATE_BATCH = 500;
const ENQUEUE_BATCH = 500;

/**
 * Creates the artists of up to `limit` pending rows in one transaction and returns how many rows
 * it settled (0 when none are left). Rows are claimed with SKIP LOCKED and artist creation is
 * serialized installation-wide, so two runs of one import, or two imports naming the same
 * artist, never create it twice: a name (or MBID) the library has by now becomes "existing".
 */
export async function createArtistsBatch(
  services: JobServices,
  importId: string,
  limit = CREATE_BATCH,
): Promise<number> {
  return inTransaction(services.boss, async (tx) => {
    await tx.executeSql(`SELECT pg_advisory_xact_lock(hashtext('roadie:create-artists'))`);
    const [row] = await queryRows<{ settled: number }>(
      tx,
      `WITH batch AS MATERIALIZED (
         SELECT r.line, r.name, r.mbid, r."spotifyId",
           (SELECT a.id FROM artist a
             WHERE lower(a.name) = lower(r.name) OR (r.mbid IS NOT NULL AND a.mbid = r.mbid)
             ORDER BY a."createdAt" LIMIT 1) AS known,
           gen_random_uuid() AS fresh
           FROM artist_import_row r
          WHERE r."importId" = $1 AND r.outcome = 'pending'
          ORDER BY r.line LIMIT $2 FOR UPDATE SKIP LOCKED
       ), created AS (
         INSERT INTO artist (id, name, mbid, "spotifyId", "lockedFields", "updatedAt")
         SELECT fresh, name, mbid, "spotifyId",
           array_remove(ARRAY[CASE WHEN mbid IS NOT NULL THEN 'mbid' END,
             CASE WHEN "spotifyId" IS NOT NULL THEN 'spotifyId' END], NULL), now()
           FROM batch WHERE known IS NULL
       ), settled AS (
         UPDATE artist_import_row r
            SET outcome = CASE WHEN b.known IS NULL THEN 'created' ELSE 'existing' END,
                message = CASE WHEN b.known IS NULL THEN NULL ELSE 'Already in the library.' END,
                "artistId" = coalesce(b.known, b.fresh)
           FROM batch b WHERE r."importId" = $1 AND r.line = b.line
         RETURNING 1
       )
       SELECT count(*)::int AS settled FROM settled`,
      [importId, limit],
    );

    return row?.settled ?? 0;
  });
}

/**
 * Enqueues the enrichment of every created artist that has no job yet, as children of the
 * parent job, a batch per transaction (jobs, parent link and row marks commit together).
 * An artist whose enrichment is already live (someone asked first) is linked to that job.
 */
export async function enqueueChildren(
  services: JobServices,
  actor: Actor,
  importId: string,
  parentJobId: string,
): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await withJobTransaction(services, async (tx, joined) => {
      const rows = await queryRows<{ line: number; artistId: string; name: string }>(
        tx,
        `SELECT line, "artistId", name FROM artist_import_row
          WHERE "importId" = $1 AND outcome = 'created' AND "jobId" IS NULL
          ORDER BY line LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [importId, ENQUEUE_BATCH],
      );
      if (rows.length === 0) return 0;
      const prepared = rows.map((row) =>
        prepareJob(
          metadataEnrichment,
          { artistId: row.artistId, forceRefresh: false, artistName: row.name },
          { dedupeKey: enrichmentKeyOf(row.artistId), label: row.name, tags: ["import"] },
        ),
      );
      const outcomes = await enqueuePrepared(joined, actor, prepared);
      const links = outcomes.map((o, i) => ({
        line: rows[i]!.line,
        jobId: o.kind === "created" ? o.job.id : o.jobId,
        own: o.kind === "created",
      }));
      await tx.executeSql(
        `WITH x AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(line int, "jobId" uuid, own bool)),
         rows AS (UPDATE artist_import_row r SET "jobId" = x."jobId" FROM x
                   WHERE r."importId" = $1 AND r.line = x.line)
         UPDATE job j SET "parentId" = $3 FROM x WHERE x.own AND j.id = x."jobId"`,
        [importId, JSON.stringify(links), parentJobId],
      );

      return rows.length;
    });
    if (done === 0) return total;
    total += done;
  }
}

export interface ChildProgress {
  total: number;
  finished: number;
  summary: Pick<ImportResultSummary, "matched" | "needsReview" | "notFound" | "failed">;
}

/** How far the import's enrichment jobs are, read from the job rows. */
export async function childProgress(
  services: JobServices,
  importId: string,
): Promise<ChildProgress> {
  const groups = await queryRows<{ status: string; outcome: string | null; count: number }>(
    services.boss.getDb(),
    `SELECT j.status, j.result->>'status' AS outcome, count(*)::int AS count
       FROM artist_import_row r JOIN job j ON j.id = r."jobId"
      WHERE r."importId" = $1 GROUP BY 1, 2`,
    [importId],
  );
  const summary = { matched: 0, needsReview: 0, notFound: 0, failed: 0 };
  let total = 0;
  let finished = 0;
  for (const { status, outcome, count } of groups) {
    total += count;
    if (!(FINAL_STATUSES as readonly string[]).includes(status)) continue;
    finished += count;
    if (status !== "completed") summary.failed += count;
    else if (outcome === "needs_review") summary.needsReview += count;
    else if (outcome === "not_found") summary.notFound += count;
    else summary.matched += count;
  }

  return { total, finished, summary };
}

/**
 * Waits until every child job has finished, reporting progress after each look. Polls the job
 * rows every `everyMs` (pg-boss keeps the parent's heartbeat meanwhile) and stops at once when
 * the signal aborts.
 */
export async function waitForChildren(
  services: JobServices,
  importId: string,
  options: { signal: AbortSignal; everyMs?: number; onProgress(p: ChildProgress): void },
): Promise<ChildProgress> {
  for (;;) {
    const progress = await childProgress(services, importId);
    options.onProgress(progress);
    if (progress.finished >= progress.total) return progress;
    await sleep(options.everyMs ?? 1_000, undefined, { signal: options.signal });
  }
}

/** Rows per outcome of an import. */
export async function rowCounts(services: JobServices, importId: string) {
  const rows = await queryRows<{ outcome: string; count: number }>(
    services.boss.getDb(),
    `SELECT outcome, count(*)::int AS count FROM artist_import_row WHERE "importId" = $1 GROUP BY 1`,
    [importId],
  );

  return Object.fromEntries(rows.map((r) => [r.outcome, r.count])) as Record<string, number>;
}

/** Records the import's stage, and its summary once there is one. */
export async function setImportState(
  services: JobServices,
  importId: string,
  status: string,
  summary?: ImportResultSummary,
): Promise<void> {
  await services.boss.getDb().executeSql(
    `UPDATE artist_import SET status = $2, summary = coalesce($3::jsonb, summary), "updatedAt" = now()
      WHERE id = $1`,
    [importId, status, summary ? JSON.stringify(summary) : null],
  );
}
