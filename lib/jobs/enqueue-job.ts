import { randomUUID } from "node:crypto";

import { z } from "zod";

import { definitionOf } from "../../jobs/definitions";
import type { Actor } from "../auth/actor";
import { AppError } from "../http/errors";
import { parseInput } from "../http/parse";
import { type JobDefinition, storedPayloadSchema } from "../queue/job-definition";
import type { createJobBody, JobSummary } from "./job-dto";
import { publishRows } from "./job-events";
import type { JobServices } from "./job-services";
import { type JobRow, toJobSummary } from "./job-summary";
import type { JobPriority } from "./priority";
import { sendToQueues } from "./send-to-queues";
import { beginTransaction, bossSql, queryRows, type Sql } from "./sql";
import { initialStatus, LIVE_STATUSES } from "./status";

/** A job checked and ready to write: payload parsed, id chosen. */
export interface PreparedJob {
  id: string;
  definition: JobDefinition;
  payload: Record<string, unknown>;
  priority: JobPriority;
  runAt: Date | null;
  dedupeKey: string | null;
  tags: string[];
  label: string;
  artistId: string | null;
}

export interface PrepareOptions {
  priority?: JobPriority;
  runAt?: Date | null;
  dedupeKey?: string | null;
  tags?: string[];
  label?: string;
  /** The payload was stored by an earlier enqueue (a retry): keys since dropped are ignored. */
  stored?: boolean;
}

/** The outcome for one job of an enqueue: the new job, or the live one its dedupe key hit. */
export type EnqueueOutcome =
  | { kind: "created"; job: JobSummary }
  /** jobId is null when the live job belongs to someone the actor may not see. */
  | { kind: "duplicate"; jobId: string | null; prepared: PreparedJob };

const UUID = z.uuid();

/** The definition of a type, or 422 naming the field. */
export function requireDefinition(type: string): JobDefinition {
  const definition = definitionOf(type);
  if (!definition) {
    throw new AppError("validation_failed", `type: unknown job type "${type}".`, { field: "type" });
  }

  return definition;
}

const envelopes = { fresh: new WeakMap<JobDefinition, z.ZodType>(), stored: new WeakMap() };

/**
 * The payload schema nested under "payload", so issues name payload.<field>. Made once per
 * type: zod compiles an object schema on its first parse, which cost more than the parse.
 */
function payloadEnvelopeOf(definition: JobDefinition, stored: boolean): z.ZodType {
  const cache = stored ? envelopes.stored : envelopes.fresh;
  let envelope = cache.get(definition);
  if (!envelope) {
    const payload = stored ? storedPayloadSchema(definition) : definition.payload;
    envelope = z.object({ payload });
    cache.set(definition, envelope);
  }

  return envelope;
}

/** Validates a payload against its type's schema (422 naming payload.<field>) and fills ids. */
export function prepareJob(
  definition: JobDefinition,
  rawPayload: unknown,
  options: PrepareOptions = {},
): PreparedJob {
  const envelope = payloadEnvelopeOf(definition, options.stored ?? false);
  const { payload } = parseInput(envelope, { payload: rawPayload }) as {
    payload: Record<string, unknown>;
  };
  const artistId = UUID.safeParse(payload.artistId);

  return {
    id: randomUUID(),
    definition,
    payload,
    priority: options.priority ?? "normal",
    runAt: options.runAt ?? null,
    dedupeKey: options.dedupeKey ?? null,
    tags: options.tags ?? [],
    label: options.label ?? definition.labelOf?.(payload) ?? "",
    artistId: artistId.success ? artistId.data : null,
  };
}

/**
 * POST /api/jobs: validates (the payload's own check too, e.g. that its artist exists), writes
 * the row and the queue entry in one transaction, publishes "queued". A live job with the same
 * dedupe key answers 409 with its id.
 */
export async function enqueueJob(
  services: JobServices,
  actor: Actor,
  input: z.output<typeof createJobBody>,
): Promise<JobSummary> {
  const definition = requireDefinition(input.type);
  const prepared = prepareJob(definition, input.payload, {
    priority: input.priority,
    runAt: input.runAt ? new Date(input.runAt) : null,
    // A caller's own keys: one user's key never blocks (or reveals) another user's job.
    dedupeKey: input.dedupeKey ? `user:${actor.userId}:${input.dedupeKey}` : null,
    tags: input.tags,
  });
  await definition.checkPayload?.(prepared.payload, bossSql(services.boss));
  const [outcome] = await enqueuePrepared(services, actor, [prepared]);
  if (outcome?.kind !== "created")
    throw duplicateError(outcome?.kind === "duplicate" ? outcome.jobId : null);

  return outcome.job;
}

/** The 409 for a dedupe hit, carrying the live job's id. */
export function duplicateError(jobId: string | null): AppError {
  return new AppError(
    "conflict",
    "The same job is already queued or running.",
    jobId ? { jobId } : {},
  );
}

/**
 * Writes many prepared jobs in one transaction (rows, first events, pg-boss entries) and
 * publishes "queued" for each after commit. Jobs whose dedupe key hits a live job, or an
 * earlier job of the same call, are not created; their outcome names the live job.
 *
 * The row insert, pg-boss's inserts and COMMIT are sent one behind the other without waiting
 * for answers (on the web's pipelined connections, one round trip): no answer among them could
 * change what the transaction does next, since the queue policies in use admit every insert
 * (lib/queue/job-definition.ts), and any failure rolls the whole transaction back.
 */
export async function enqueuePrepared(
  services: JobServices,
  actor: Actor,
  jobs: PreparedJob[],
): Promise<EnqueueOutcome[]> {
  const tx = await beginTransaction(services.boss);
  let rows: JobRow[];
  let outcomes: (EnqueueOutcome | PreparedJob)[];
  try {
    const existing = await lockDedupeKeys(tx.db, jobs);
    const fresh: PreparedJob[] = [];
    outcomes = jobs.map((job): EnqueueOutcome | PreparedJob => {
      const hit = job.dedupeKey ? existing.get(job.dedupeKey) : undefined;
      if (hit) {
        const visible = actor.role === "admin" || hit.createdById === actor.userId;

        return { kind: "duplicate", jobId: visible ? hit.id : null, prepared: job };
      }
      if (job.dedupeKey) existing.set(job.dedupeKey, { id: job.id, createdById: actor.userId });
      fresh.push(job);

      return job;
    });
    const inserted = fresh.length > 0 ? insertRows(tx.db, actor, fresh) : Promise.resolve([]);
    const queued = sendToQueues(services, tx.db, fresh);
    const answers = Promise.all([inserted, queued.done]);
    // Settled by commit() below (which reports the first failure); this only keeps an early
    // failure from being reported as unhandled meanwhile.
    answers.catch(() => {});
    await queued.handedOver;
    await tx.commit();
    [rows] = await answers;
  } catch (err) {
    await tx.rollback();
    throw err;
  }

  publishRows(services.events, rows, "queued");
  const byId = new Map(rows.map((row) => [row.id, toJobSummary(row)]));

  return outcomes.map((o) =>
    "kind" in o ? o : { kind: "created", job: byId.get(o.id) as JobSummary },
  );
}

/**
 * Serializes enqueues per dedupe key for the rest of the transaction (an advisory lock per key,
 * taken in key order so two bulk requests cannot deadlock), then finds live jobs holding them.
 */
interface LiveHolder {
  id: string;
  createdById: string;
}

async function lockDedupeKeys(tx: Sql, jobs: PreparedJob[]): Promise<Map<string, LiveHolder>> {
  const keys = [...new Set(jobs.flatMap((j) => (j.dedupeKey ? [j.dedupeKey] : [])))].sort();
  if (keys.length === 0) return new Map();

  await tx.executeSql(
    `SELECT pg_advisory_xact_lock(hashtextextended(k, 7270))
       FROM unnest($1::text[]) AS k ORDER BY k`,
    [keys],
  );
  const live = await queryRows<LiveHolder & { dedupeKey: string }>(
    tx,
    `SELECT id, "dedupeKey", "createdById" FROM job
      WHERE "dedupeKey" = ANY($1::text[]) AND status = ANY($2::text[])`,
    [keys, LIVE_STATUSES],
  );

  return new Map(live.map((row) => [row.dedupeKey, { id: row.id, createdById: row.createdById }]));
}

async function insertRows(tx: Sql, actor: Actor, jobs: PreparedJob[]): Promise<JobRow[]> {
  const now = new Date();
  const records = jobs.map((job) => ({
    id: job.id,
    type: job.definition.type,
    status: initialStatus(job.runAt, now),
    priority: job.priority,
    payload: job.payload,
    label: job.label,
    tags: job.tags,
    dedupeKey: job.dedupeKey,
    artistId: job.artistId,
    maxAttempts: job.definition.queue.retryLimit + 1,
    runAt: job.runAt?.toISOString() ?? null,
  }));

  return queryRows<JobRow>(
    tx,
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         id uuid, type text, status text, priority text, payload jsonb, label text, tags jsonb,
         "dedupeKey" text, "artistId" uuid, "maxAttempts" int, "runAt" timestamptz)
     ), inserted AS (
       INSERT INTO job (id, type, status, priority, payload, label, tags, "dedupeKey",
         "createdById", "artistId", "maxAttempts", "runAt", seq, "updatedAt")
       SELECT id, type, status, priority, payload, label,
         ARRAY(SELECT jsonb_array_elements_text(tags)), "dedupeKey", $2, "artistId",
         "maxAttempts", "runAt", 1, now()
       FROM input
       RETURNING *
     ), events AS (
       INSERT INTO job_event ("jobId", seq, kind, attempt, message)
       SELECT id, 1, 'queued', 0, NULL FROM inserted
     )
     SELECT j.*, $3::text AS "createdByName" FROM inserted j`,
    [JSON.stringify(records), actor.userId, actor.name],
  );
}
