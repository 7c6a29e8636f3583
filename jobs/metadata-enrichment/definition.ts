import { z } from "zod";

import { AppError } from "../../lib/http/errors";
import { strictObject } from "../../lib/http/strict-object";
import { defineJob } from "../../lib/queue/job-definition";

export const metadataEnrichment = defineJob({
  type: "metadata_enrichment",
  title: "Metadata enrichment",
  payload: strictObject({
    artistId: z.uuid(),
    forceRefresh: z.boolean().default(false),
    /** A follow-up after a partial result: ask only these providers (the ones it missed). */
    providers: z
      .array(z.enum(["musicbrainz", "lastfm", "spotify"]))
      .min(1)
      .optional(),
    /** The artist's name when enqueued, so the list reads well without a join. */
    artistName: z.string().max(500).optional(),
  }),
  // Provider outages last minutes, not seconds: back off up to 10 minutes between tries.
  queue: {
    retryLimit: 4,
    retryDelay: 15,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 600,
    heartbeatSeconds: 10,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 7 * 86_400,
  },
  // Two enrichments of one artist would race on the same row: pg-boss lets one job per artist
  // be active at a time, whichever runner claims it (enqueue also refuses a second live job).
  policy: "singleton",
  singletonKey: (payload) => payload.artistId,
  labelOf: (payload) => payload.artistName ?? payload.artistId,
  // An unknown artist is a 404 at enqueue, as on POST /api/jobs/enrich-metadata, not a failed job.
  checkPayload: async (payload, db) => {
    const { rows } = await db.executeSql("SELECT 1 FROM artist WHERE id = $1::uuid", [
      payload.artistId,
    ]);
    if (rows.length > 0) return;

    throw new AppError("not_found", `payload.artistId: no artist has the id ${payload.artistId}.`, {
      field: "payload.artistId",
    });
  },
  concurrency: 4,
  batchSize: 1,
});
