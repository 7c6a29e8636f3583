import type { Db } from "pg-boss";
import { z } from "zod";

/** Queue options Roadie sets on every queue, always explicitly (pg-boss defaults are rarely right). */
export interface QueuePolicyOptions {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Seconds before the first retry; doubled per retry with jitter when backoff is on. */
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax: number;
  /** A running attempt is expired (and retried) after this long. */
  expireInSeconds: number;
  /** A runner that stops heartbeating for this long loses its jobs to another runner. */
  heartbeatSeconds: number;
  /** Jobs still queued after this long are dropped by pg-boss. */
  retentionSeconds: number;
  /** Finished jobs are deleted from the queue tables after this long. */
  deleteAfterSeconds: number;
}

/** Everything there is to know about one job type, kept beside its handler in jobs/<type>/. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Queue name and the type users see. */
  type: string;
  /** Human label for the dashboard. */
  title: string;
  payload: S;
  queue: QueuePolicyOptions;
  /**
   * pg-boss queue policy. "singleton" with a singleton key lets only one job per key be active
   * at a time across every runner (used where two jobs on one record must never overlap).
   * Both admit every new job (their unique indexes cover active jobs only), which lets an
   * enqueue send COMMIT before pg-boss's insert has answered; a policy that can refuse an
   * insert ("short", "stately", throttling) would need the enqueue to wait for that answer.
   */
  policy: "standard" | "singleton";
  /** Jobs of this type one runner works at once. */
  concurrency: number;
  /** Jobs fetched per claim; 1 unless the type is tiny and numerous. */
  batchSize: number;
  /** The key that serializes jobs of this type (needs policy "singleton"). */
  singletonKey?(payload: z.infer<S>): string;
  /** What a user searches for and reads in the list, e.g. the artist's name. */
  labelOf?(payload: z.infer<S>): string;
  /**
   * Checks a parsed payload against the database before an enqueue writes anything, e.g. that
   * the record it names exists; throws an AppError (field "payload.<name>") to refuse it. A
   * handler must still cope with the record vanishing before the job runs.
   */
  checkPayload?(payload: z.infer<S>, db: Db): Promise<void>;
}

/** Declares a job definition with its payload type kept. */
export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>) => definition;

const storedSchemas = new WeakMap<JobDefinition, z.ZodType>();

/**
 * The payload schema for a payload already stored: requests are refused for a key the type does
 * not know, but a queued job whose payload holds a key a later version dropped still runs.
 */
export function storedPayloadSchema(definition: JobDefinition): z.ZodType {
  let schema = storedSchemas.get(definition);
  if (!schema) {
    schema =
      definition.payload instanceof z.ZodObject ? definition.payload.strip() : definition.payload;
    storedSchemas.set(definition, schema);
  }

  return schema;
}
