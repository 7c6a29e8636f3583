import { loadArtist } from "../../lib/enrichment/artist-store";
import { enrichArtist } from "../../lib/enrichment/enrich-artist";
import { defineHandler, PermanentJobError } from "../../lib/jobs/job-handler";
import { type JobServices, jobServices } from "../../lib/jobs/job-services";
import { bossSql } from "../../lib/jobs/sql";
import { scheduleFollowUp } from "../../lib/library/enrichment-follow-up";
import { logger } from "../../lib/logger";
import { providersConfigFromEnv } from "../../lib/providers/provider-config";
import { createProviders, type Providers } from "../../lib/providers/providers";
import { metadataEnrichment } from "./definition";

// One set of clients per runner process: pacing and circuit state live in PostgreSQL, but the
// Spotify token and the HTTP agents are worth keeping between jobs. Statements run on the jobs
// services' pg pool (never the Prisma client, which would cost the runner about 70 MB).
let providers: Providers | undefined;
const processProviders = (services: JobServices) =>
  (providers ??= createProviders(bossSql(services.boss), providersConfigFromEnv(), {
    log: logger.child({ component: "providers" }),
  }));

/**
 * Enriches one artist. A partial result schedules a follow-up that asks only the providers it
 * missed (payload.providers) and merges their answers into the stored artist; when no provider
 * answers, enrichArtist throws EnrichmentError and pg-boss retries with back-off.
 * "Not found" and "needs review" are answers, not failures: the job completes with them.
 */
export const metadataEnrichmentHandler = defineHandler(
  metadataEnrichment,
  async ({ job, payload, signal, progress, log }) => {
    const services = await jobServices();
    const sql = bossSql(services.boss);
    const artist = await loadArtist(sql, payload.artistId);
    if (!artist) throw new PermanentJobError(`Artist ${payload.artistId} no longer exists.`);

    // A person's choice (a picked candidate, an imported or edited MBID) is a locked MBID: look
    // that artist up instead of searching by name again.
    const chosen = artist.lockedFields.includes("mbid") ? artist.mbid : null;
    const result = await enrichArtist(sql, payload.artistId, {
      // A follow-up exists to fill what a recent run missed, so freshness must not skip it.
      forceRefresh: payload.forceRefresh || payload.providers !== undefined,
      onlyProviders: payload.providers,
      mbid: chosen ?? undefined,
      signal,
      onProgress: (percent, stage, message) => progress(percent, stage, message),
      log,
      providers: processProviders(services),
    });

    let followUp: string | null = null;
    if (result.status === "partial") {
      followUp = await scheduleFollowUp(services, {
        createdById: job.createdById,
        artistId: payload.artistId,
        artistName: payload.artistName ?? job.label,
        providerStatus: result.providerStatus,
      });
    }

    return {
      status: result.status,
      mbid: result.mbid,
      missing: result.missing,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(followUp ? { followUpJobId: followUp } : {}),
    };
  },
);
