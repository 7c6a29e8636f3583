import { z } from "zod";

import { strictObject } from "../../lib/http/strict-object";
import { defineJob } from "../../lib/queue/job-definition";

export const playlistSync = defineJob({
  type: "playlist_sync",
  title: "Playlist sync",
  payload: strictObject({ playlistId: z.uuid() }),
  queue: {
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 900,
    expireInSeconds: 900,
    heartbeatSeconds: 10,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 7 * 86_400,
  },
  policy: "standard",
  concurrency: 1,
  batchSize: 1,
});
