import type { z } from "zod";

import type { Logger } from "../logger";
import type { JobDefinition } from "../queue/job-definition";

/** What a handler knows about the job it runs. */
export interface JobInfo {
  id: string;
  type: string;
  /** 1 for the first attempt; a retry or a user's re-run counts on. */
  attempt: number;
  /** Whether pg-boss will try again if this attempt fails. */
  willRetry: boolean;
  createdById: string;
  label: string;
}

/** Everything a handler gets: its parsed payload, a signal to stop on, progress and a logger. */
export interface JobContext<P> {
  job: JobInfo;
  payload: P;
  /** Aborted when the job is cancelled, its attempt expires, or the runner drains. Honour it. */
  signal: AbortSignal;
  /** Cheap to call often: writes and events are coalesced to a few per second. */
  progress(percent: number, stage?: string, message?: string): void;
  /** Carries jobId, type and attempt. */
  log: Logger;
}

/**
 * A job type's work. Resolves with a small JSON summary (stored as the job's result) and must
 * tolerate running twice: an expired attempt may still be finishing while its retry starts.
 */
export type JobHandler<P> = (ctx: JobContext<P>) => Promise<Record<string, unknown> | void>;

export interface RegisteredHandler {
  type: string;
  run: JobHandler<unknown>;
}

/** Ties a handler to its definition, keeping the payload type. */
export function defineHandler<S extends z.ZodType>(
  definition: JobDefinition<S>,
  run: JobHandler<z.output<S>>,
): RegisteredHandler {
  return { type: definition.type, run: run as JobHandler<unknown> };
}

/** A failure that retrying cannot fix (bad payload, missing record, no handler): no retries. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** The job type has no handler in this runner; its jobs fail at once instead of waiting. */
export class JobNotAvailableError extends PermanentJobError {
  constructor(title: string) {
    super(`${title} is not available in this version of Roadie.`);
    this.name = "JobNotAvailableError";
  }
}
