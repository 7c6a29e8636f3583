import { setImmediate, setTimeout as sleep } from "node:timers/promises";

import { defineHandler } from "../../lib/jobs/job-handler";
import { selfTest } from "./definition";

/**
 * Reports `steps` progress steps `stepMs` apart (plus `progressBurst` extra reports per step),
 * stops as soon as its signal aborts, and fails its first `failFirstAttempts` attempts.
 */
export const selfTestHandler = defineHandler(
  selfTest,
  async ({ job, payload, signal, progress }) => {
    if (job.attempt <= payload.failFirstAttempts) {
      throw new Error(`Self test failed attempt ${job.attempt} on purpose.`);
    }

    for (let step = 1; step <= payload.steps; step += 1) {
      // Without a wait, each step still yields, so a long self test cannot hold the runner's
      // event loop (and every other job and cancel with it).
      if (payload.stepMs > 0) await sleep(payload.stepMs, undefined, { signal });
      else await setImmediate();
      signal.throwIfAborted();
      const percent = (step / payload.steps) * 100;
      for (let burst = 0; burst < payload.progressBurst; burst += 1) {
        progress(percent - (payload.progressBurst - burst) / payload.progressBurst, "burst");
      }
      progress(percent, "step", `Step ${step} of ${payload.steps}`);
    }

    return { steps: payload.steps, attempt: job.attempt };
  },
);
