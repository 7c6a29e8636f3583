import { metadataEnrichment } from "../../jobs/metadata-enrichment/definition";
import type { ProviderStatusMap } from "../enrichment/provider-status";
import { enqueuePrepared, prepareJob } from "../jobs/enqueue-job";
import type { JobServices } from "../jobs/job-services";
import { bossSql, queryRows } from "../jobs/sql";
import type { ProviderName } from "../providers/provider-error";
import { actorOf } from "./actor-of";

/** Follow-ups one artist may get in a day; after that the next user or import run tries. */
export const MAX_FOLLOW_UPS = 3;
const MIN_DELAY_MS = 60_000;
const MAX_DELAY_MS = 30 * 60_000;

export interface FollowUpInput {
  createdById: string;
  artistId: string;
  artistName: string;
  providerStatus: ProviderStatusMap | null;
}

/**
 * After a partial result: schedules one enrichment that asks only the providers that were
 * deferred (rate limited, down, circuit open), after their Retry-After or a back-off that doubles
 * with each follow-up. Providers that failed for a settings reason are left alone (retrying cannot
 * fix a bad key). Answers the new job id, or null when no follow-up is due.
 */
export async function scheduleFollowUp(
  services: JobServices,
  input: FollowUpInput,
  now: Date = new Date(),
): Promise<string | null> {
  const statuses = input.providerStatus;
  if (!statuses) return null;
  const deferred = (Object.keys(statuses) as ProviderName[]).filter(
    (p) => statuses[p]?.status === "deferred",
  );
  if (deferred.length === 0) return null;
  const earlier = await followUpsSince(
    services,
    input.artistId,
    new Date(now.getTime() - 86_400_000),
  );
  if (earlier >= MAX_FOLLOW_UPS) return null;

  const waits = deferred.map((p) => statuses[p]?.retryAfterMs ?? 0);
  const base = Math.max(MIN_DELAY_MS, ...waits);
  const delay = Math.min(MAX_DELAY_MS, base * 2 ** earlier);
  const prepared = prepareJob(
    metadataEnrichment,
    {
      artistId: input.artistId,
      forceRefresh: true,
      providers: deferred,
      artistName: input.artistName,
    },
    {
      runAt: new Date(now.getTime() + delay),
      dedupeKey: `metadata_enrichment:follow-up:${input.artistId}`,
      label: input.artistName,
      tags: ["follow-up"],
    },
  );
  const actor = await actorOf(bossSql(services.boss), input.createdById);
  const [outcome] = await enqueuePrepared(services, actor, [prepared]);

  return outcome?.kind === "created" ? outcome.job.id : (outcome?.jobId ?? null);
}

async function followUpsSince(
  services: JobServices,
  artistId: string,
  since: Date,
): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    services.boss.getDb(),
    `SELECT count(*)::int AS count FROM job
      WHERE type = 'metadata_enrichment' AND "artistId" = $1 AND 'follow-up' = ANY(tags)
        AND "createdAt" >= $2`,
    [artistId, since],
  );

  return row?.count ?? 0;
}
