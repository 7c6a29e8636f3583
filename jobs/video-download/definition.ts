import { z } from "zod";

import { strictObject } from "../../lib/http/strict-object";
import { defineJob } from "../../lib/queue/job-definition";

export const videoDownload = defineJob({
  type: "video_download",
  title: "Video download",
  payload: strictObject({ videoId: z.uuid() }),
  // Downloads are long and bandwidth-bound: few at once, a long expiry, patient retries.
  queue: {
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    retryDelayMax: 1800,
    expireInSeconds: 3 * 3600,
    heartbeatSeconds: 15,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 7 * 86_400,
  },
  policy: "standard",
  concurrency: 2,
  batchSize: 1,
});
