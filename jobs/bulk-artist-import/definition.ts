import { z } from "zod";

import { strictObject } from "../../lib/http/strict-object";
import { defineJob } from "../../lib/queue/job-definition";

export const bulkArtistImport = defineJob({
  type: "bulk_artist_import",
  title: "Bulk artist import",
  payload: strictObject({ importId: z.uuid() }),
  // The parent waits for its children; it is cheap, so it may stay active for hours.
  queue: {
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 6 * 3600,
    heartbeatSeconds: 10,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 7 * 86_400,
  },
  policy: "standard",
  concurrency: 2,
  batchSize: 1,
});
