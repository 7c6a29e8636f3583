import { z } from "zod";

import { defineJob } from "../../lib/queue/job-definition";

export const metadataEnrichment = defineJob({
  type: "metadata_enrichment",
  title: "Metadata enrichment",
  payload: z.object({
    artistId: z.uuid(),
    forceRefresh: z.boolean().default(false),
    /** Only these providers, for a follow-up after a partial result. */
    providers: z.array(z.enum(["musicbrainz", "lastfm", "spotify"])).optional(),
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
  concurrency: 4,
});
