import { z } from "zod";

import { strictObject } from "../../lib/http/strict-object";
import { defineJob } from "../../lib/queue/job-definition";

/**
 * A built-in job that does nothing but report progress: it proves a deployment end to end and
 * drives the engine's tests and benchmarks.
 */
export const selfTest = defineJob({
  type: "self_test",
  title: "Self test",
  payload: strictObject({
    /** Progress steps to report; 0 finishes at once. */
    steps: z.number().int().min(0).max(10_000).default(10),
    /** Wait between steps. */
    stepMs: z.number().int().min(0).max(60_000).default(100),
    /** Attempts that fail on purpose before one succeeds. */
    failFirstAttempts: z.number().int().min(0).max(20).default(0),
    /** Extra progress reports per step, all at once, to exercise write coalescing. */
    progressBurst: z.number().int().min(0).max(100_000).default(0),
    /** Shown in the list, to tell test jobs apart. */
    label: z.string().max(200).optional(),
  }),
  // Short everything: a self test that has not finished in five minutes is broken.
  queue: {
    retryLimit: 2,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 4,
    expireInSeconds: 300,
    heartbeatSeconds: 10,
    retentionSeconds: 86_400,
    deleteAfterSeconds: 86_400,
  },
  policy: "standard",
  labelOf: (payload) => payload.label ?? `${payload.steps} steps`,
  concurrency: 4,
  batchSize: 1,
});
