import type { JobWithMetadata } from "pg-boss";

import type { Logger } from "../logger";
import type { JobEventSink } from "../realtime/job-event-publisher";
import { writeProgress } from "./attempt-store";
import { estimateEtaSeconds } from "./eta";
import type { JobContext } from "./job-handler";
import { eventFromRow } from "./job-events";
import type { JobRow } from "./job-summary";
import { ProgressCoalescer } from "./progress-coalescer";
import type { Sql } from "./sql";

/** Why a runner stopped a handler itself (pg-boss's own aborts are expiry or a lost claim). */
export type StopReason = "cancelled" | "drain" | "superseded";

export class StopSignal extends Error {
  constructor(readonly reason: StopReason) {
    super(`job stopped: ${reason}`);
    this.name = "StopSignal";
  }
}

export interface AttemptHandle {
  context: JobContext<unknown>;
  coalescer: ProgressCoalescer;
  /** Aborted only by the runner (cancel, drain, superseded), never by pg-boss. */
  controller: AbortController;
}

interface ContextDeps {
  sql: Sql;
  events: JobEventSink;
  log: Logger;
  progressIntervalMs: number;
}

const clampPercent = (percent: number) =>
  Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0;

/**
 * Builds what a handler gets for one attempt. Progress goes through a coalescer: at most one
 * write (and one event) per interval, the last value always lands. A write that finds the row
 * no longer owned by this attempt (cancelled, superseded) stops the handler.
 */
export function createAttemptContext(
  deps: ContextDeps,
  job: JobWithMetadata<unknown>,
  row: JobRow,
  controller: AbortController,
  payload: unknown,
): AttemptHandle {
  const log = deps.log.child({ jobId: row.id, type: row.type, attempt: row.attempt });
  const startedAtMs = Date.now();
  const coalescer = new ProgressCoalescer(
    async (update) => {
      const moved = await writeProgress(deps.sql, {
        id: row.id,
        attempt: row.attempt,
        percent: update.percent,
        stage: update.stage ?? null,
        message: update.message ?? null,
      });
      if (!moved) {
        controller.abort(new StopSignal("superseded"));

        return;
      }
      const event = eventFromRow(moved, "progress");
      event.etaSeconds = estimateEtaSeconds(startedAtMs, Date.now(), moved.progress);
      deps.events.publish(moved.createdById, event);
    },
    deps.progressIntervalMs,
    (err) => log.warn({ err }, "progress write failed"),
  );
  const context: JobContext<unknown> = {
    job: {
      id: row.id,
      type: row.type,
      attempt: row.attempt,
      willRetry: job.retryCount < job.retryLimit,
      createdById: row.createdById,
      label: row.label,
    },
    payload,
    signal: AbortSignal.any([job.signal, controller.signal]),
    progress: (percent, stage, message) =>
      coalescer.report({ percent: clampPercent(percent), stage, message }),
    log,
  };

  return { context, coalescer, controller };
}
