import { db } from "../../lib/db/client";
import { enrichArtist } from "../../lib/enrichment/enrich-artist";
import { defineHandler, PermanentJobError } from "../../lib/jobs/job-handler";
import { jobServices } from "../../lib/jobs/job-services";
import { scheduleFollowUp } from "../../lib/library/enrichment-follow-up";
import { logger } from "../../lib/logger";
import { providersConfigFromEnv } from "../../lib/providers/provider-config";
import { createProviders, type Providers } from "../../lib/providers/providers";
import { metadataEnrichment } from "./definition";

// One set of clients per runner process: pacing and circuit state live in PostgreSQL, but the
// Spotify token and the HTTP agents are worth keeping between jobs.
let providers: Providers | undefined;
const processProviders = () =>
  (providers ??= createProviders(db(), providersConfigFromEnv(), {
    log: logger.child({ component: "providers" }),
  }));

/**
 * Enriches one artist. A partial result schedules a follow-up enrichment; when no
 * provider answers, enrichArtist throws EnrichmentError and pg-boss retries with back-off.
 * "Not found" and "needs review" are answers, not failures: the job completes with them.
 */
export const metadataEnrichmentHandler = defineHandler(
  metadataEnrichment,
  async ({ job, payload, signal, progress, log }) => {
    const artist = await db().artist.findUnique({
      where: { id: payload.artistId },
      select: { mbid: true, lockedFields: true },
    });
    if (!artist) throw new PermanentJobError(`Artist ${payload.artistId} no longer exists.`);

    // A person's choice (a picked candidate, an imported or edited MBID) is a locked MBID: look
    // that artist up instead of searching by name again.
    const chosen = artist.lockedFields.includes("mbid") ? artist.mbid : null;
    const result = await enrichArtist(db(), payload.artistId, {
      // A follow-up exists to fill what a recent run missed, so freshness must not skip it.
      // Known shortcoming: it asks every provider again, not only payload.providers, because the
      // merge decides each field from all three answers. It costs a few paced calls per artist,
      // at most three follow-ups a day, and ends exactly as a fresh enrichment would.
      forceRefresh: payload.forceRefresh || payload.providers !== undefined,
      mbid: chosen ?? undefined,
      signal,
      onProgress: (percent, stage, message) => progress(percent, stage, message),
      log,
      providers: processProviders(),
    });

    let followUp: string | null = null;
    if (result.status === "partial") {
      followUp = await scheduleFollowUp(await jobServices(), {
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
