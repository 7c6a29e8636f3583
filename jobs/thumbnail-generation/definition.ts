import { z } from "zod";

import { strictObject } from "../../lib/http/strict-object";
import { defineJob } from "../../lib/queue/job-definition";

export const thumbnailGeneration = defineJob({
  type: "thumbnail_generation",
  title: "Thumbnail generation",
  payload: strictObject({ videoId: z.uuid(), atSecond: z.number().nonnegative().optional() }),
  // CPU-bound: one per core.
  queue: {
    retryLimit: 2,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 120,
    expireInSeconds: 300,
    heartbeatSeconds: 10,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 3 * 86_400,
  },
  policy: "standard",
  concurrency: 2,
  batchSize: 1,
});
