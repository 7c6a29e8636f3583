import type { z } from "zod";

import { db } from "../../lib/db/client";
import { defineHandler, type JobContext, PermanentJobError } from "../../lib/jobs/job-handler";
import { type JobServices, jobServices } from "../../lib/jobs/job-services";
import { actorOf } from "../../lib/library/actor-of";
import type { ImportResultSummary } from "../../lib/library/import/import-dto";
import {
  createArtistsBatch,
  enqueueChildren,
  rowCounts,
  setImportState,
  waitForChildren,
} from "../../lib/library/import/run-import";
import { bulkArtistImport } from "./definition";

type ImportContext = JobContext<z.output<typeof bulkArtistImport.payload>>;

/**
 * Creates the import's artists in batches (0-40 %), enqueues one enrichment job per new artist
 * as children of this job (40-50 %), then follows the children until all have finished
 * (50-100 %) and answers the summary. Every step picks up where an earlier attempt stopped.
 */
export const bulkArtistImportHandler = defineHandler(bulkArtistImport, async (ctx) => {
  try {
    return await runImport(ctx);
  } catch (err) {
    // The import's own status says "failed" only when no retry will follow.
    const final = !ctx.job.willRetry || err instanceof PermanentJobError;
    if (final && !ctx.signal.aborted) {
      await setImportState(await jobServices(), ctx.payload.importId, "failed").catch(() => {});
    }
    throw err;
  }
});

async function runImport({ job, payload, signal, progress, log }: ImportContext) {
  const services = await jobServices();
  const record = await db().artistImport.findUnique({ where: { id: payload.importId } });
  if (!record) throw new PermanentJobError(`Import ${payload.importId} does not exist.`);

  await setImportState(services, record.id, "importing");
  await createAllArtists(services, record, { signal, progress });

  progress(40, "enqueue", "Starting enrichment");
  const actor = await actorOf(db(), record.createdById);
  const enqueued = await enqueueChildren(services, actor, record.id, job.id);
  log.info({ importId: record.id, enqueued }, "import artists created, enrichment enqueued");

  await setImportState(services, record.id, "enriching");
  const children = await waitForChildren(services, record.id, {
    signal,
    onProgress: ({ total, finished }) =>
      progress(
        50 + (total ? (finished / total) * 50 : 50),
        "enrichment",
        `${finished} of ${total} artists enriched`,
      ),
  });
  const counts = await rowCounts(services, record.id);
  const summary: ImportResultSummary = {
    imported: counts.created ?? 0,
    skipped: (counts.existing ?? 0) + (counts.duplicate ?? 0) + (counts.invalid ?? 0),
    ...children.summary,
  };
  await setImportState(services, record.id, "completed", summary);

  return { importId: record.id, ...summary };
}

/** Creates artists a batch at a time until no row is pending, reporting rows done (0-40 %). */
async function createAllArtists(
  services: JobServices,
  record: { id: string; acceptedRows: number },
  { signal, progress }: Pick<ImportContext, "signal" | "progress">,
) {
  const accepted = Math.max(1, record.acceptedRows);
  for (;;) {
    signal.throwIfAborted();
    const counts = await rowCounts(services, record.id);
    const done = accepted - (counts.pending ?? 0);
    progress((done / accepted) * 40, "artists", `${done} of ${record.acceptedRows} rows imported`);
    if (!counts.pending) return;
    await createArtistsBatch(services, record.id);
  }
}
