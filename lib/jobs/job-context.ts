import type { Job } from "pg-boss";

import type { Logger } from "../logger";
import type { JobEventSink } from "../realtime/job-event-publisher";
import { type RunnerRow, writeProgress } from "./attempt-store";
import { estimateEtaSeconds } from "./eta";
import type { DeferredStarts } from "./deferred-starts";
import type { JobContext } from "./job-handler";
import { eventFromRow } from "./job-events";
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
  /**
   * The handler's signal. The runner aborts it with a StopSignal (cancel, drain, superseded);
   * a claim pg-boss took back aborts it with pg-boss's own reason.
   */
  controller: AbortController;
}

interface ContextDeps {
  writes: Sql;
  events: JobEventSink;
  log: Logger;
  progressIntervalMs: number;
  starts: DeferredStarts;
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
  job: Job<unknown>,
  row: RunnerRow,
  controller: AbortController,
  payload: unknown,
  /** The type's retry limit: the queue's, which every job of the type gets. */
  retryLimit: number,
): AttemptHandle {
  // Made when first used: most short attempts never log, and a child logger serializes its
  // bindings when it is made.
  let attemptLog: Logger | undefined;
  const log = () =>
    (attemptLog ??= deps.log.child({ jobId: row.id, type: row.type, attempt: row.attempt }));
  const startedAtMs = Date.now();
  const coalescer = new ProgressCoalescer(
    async (update) => {
      // Progress is written on a row the attempt owns, so its start goes first.
      const owned = await deps.starts.ensure(row.id);
      const moved =
        owned &&
        (await writeProgress(deps.writes, {
          id: row.id,
          attempt: row.attempt,
          percent: update.percent,
          stage: update.stage ?? null,
          message: update.message ?? null,
        }));
      if (!moved) {
        controller.abort(new StopSignal("superseded"));

        return;
      }
      const event = eventFromRow(moved, "progress");
      event.etaSeconds = estimateEtaSeconds(startedAtMs, Date.now(), moved.progress);
      deps.events.publish(moved.createdById, event);
    },
    deps.progressIntervalMs,
    (err) => log().warn({ err }, "progress write failed"),
  );
  const context: JobContext<unknown> = {
    job: {
      id: row.id,
      type: row.type,
      attempt: row.attempt,
      willRetry: job.retryCount < retryLimit,
      createdById: row.createdById,
      label: row.label,
    },
    payload,
    signal: controller.signal,
    progress: (percent, stage, message) =>
      coalescer.report({ percent: clampPercent(percent), stage, message }),
    get log() {
      return log();
    },
  };

  return { context, coalescer, controller };
}
