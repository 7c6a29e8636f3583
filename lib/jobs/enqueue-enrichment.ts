import type { z } from "zod";

import { metadataEnrichment } from "../../jobs/metadata-enrichment/definition";
import type { Actor } from "../auth/actor";
import { AppError } from "../http/errors";
import { duplicateError, enqueuePrepared, prepareJob } from "./enqueue-job";
import type { enrichMetadataBody } from "./job-dto";
import type { JobServices } from "./job-services";
import { bossSql, queryRows } from "./sql";

export interface EnqueuedEnrichment {
  /** Null when the artist's live job belongs to another member (its id is theirs to know). */
  id: string | null;
  artistId: string;
  /** True when the artist already had a live enrichment job and this is its id. */
  deduplicated: boolean;
}

/** The dedupe key of an artist's enrichment: one live job per artist, whoever asked. */
export const enrichmentKeyOf = (artistId: string) => `metadata_enrichment:${artistId}`;

/**
 * POST /api/jobs/enrich-metadata. One job per artist, labelled with the artist's name, all in
 * one transaction. Unknown ids answer 404 naming them. An artist with a live enrichment job
 * gets no second one: a single-artist request answers 409 with the live job's id; a bulk
 * request lists the live job for that artist (deduplicated: true) and goes on with the rest.
 * Jobs of one artist never run at once: the queue's singleton policy keys on the artist id.
 */
export async function enqueueEnrichment(
  services: JobServices,
  actor: Actor,
  body: z.output<typeof enrichMetadataBody>,
): Promise<EnqueuedEnrichment[]> {
  const ids = body.artistId ? [body.artistId] : [...new Set(body.artistIds ?? [])];
  const artists = await queryRows<{ id: string; name: string }>(
    bossSql(services.boss),
    `SELECT id, name FROM artist WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const names = new Map(artists.map((a) => [a.id, a.name]));
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length > 0) throw unknownArtists(missing, body.artistId ? "artistId" : "artistIds");

  const prepared = ids.map((artistId) =>
    prepareJob(
      metadataEnrichment,
      { artistId, forceRefresh: body.forceRefresh, artistName: names.get(artistId) },
      { priority: body.priority, dedupeKey: enrichmentKeyOf(artistId), label: names.get(artistId) },
    ),
  );
  const outcomes = await enqueuePrepared(services, actor, prepared);
  if (body.artistId && outcomes[0]?.kind === "duplicate") throw duplicateError(outcomes[0].jobId);

  return outcomes.map((o, i) => ({
    id: o.kind === "created" ? o.job.id : o.jobId,
    artistId: ids[i] as string,
    deduplicated: o.kind === "duplicate",
  }));
}

// An answer names this many unknown ids at most, however many a request sent.
const SHOWN_IDS = 20;

function unknownArtists(missing: string[], field: "artistId" | "artistIds"): AppError {
  const shown = missing.slice(0, SHOWN_IDS);
  const more = missing.length > SHOWN_IDS ? ` and ${missing.length - SHOWN_IDS} more` : "";

  return new AppError("not_found", `Unknown artist ids: ${shown.join(", ")}${more}.`, {
    field,
    artistIds: shown,
    unknownCount: missing.length,
  });
}
