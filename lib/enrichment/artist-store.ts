import type { Db } from "../db/client";
import type { CandidateView } from "./match-artist";
import type { MergeResult } from "./merge-artist";
import type { ProviderStatusMap } from "./provider-status";
import type { MatchEvidence } from "./resolve-musicbrainz";

// Prisma's Json inputs want plain JSON; these values are plain objects already.
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as object;

export interface SaveMergedInput {
  artistId: string;
  merged: MergeResult;
  status: "enriched" | "partial";
  statuses: ProviderStatusMap;
  evidence: MatchEvidence | null;
  now: Date;
  previousSources: unknown;
}

/** Writes one complete enrichment result; fields not merged this time keep their value. */
export async function saveMerged(db: Db, input: SaveMergedInput): Promise<void> {
  const { merged } = input;
  const sources = { ...(input.previousSources as object), ...merged.sources };
  const { images, externalLinks, ...scalars } = merged.fields;

  await db.artist.update({
    where: { id: input.artistId },
    data: {
      ...scalars,
      ...(images ? { images: json(images) } : {}),
      ...(externalLinks ? { externalLinks: json(externalLinks) } : {}),
      enrichmentStatus: input.status,
      providerStatus: json(input.statuses),
      fieldSources: json(sources),
      ...(input.evidence ? { matchEvidence: json(input.evidence) } : {}),
      candidates: [],
      enrichedAt: input.now,
      notFoundUntil: null,
    },
  });
}

/** Several equally good MusicBrainz candidates: keep them for a person to choose. */
export async function saveReview(
  db: Db,
  artistId: string,
  candidates: CandidateView[],
  statuses: ProviderStatusMap,
  now: Date,
): Promise<void> {
  await db.artist.update({
    where: { id: artistId },
    data: {
      enrichmentStatus: "needs_review",
      candidates: json(candidates),
      providerStatus: json(statuses),
      enrichedAt: now,
    },
  });
}

/** Nothing anywhere: remember it until `until`, and store no partial data. */
export async function saveNotFound(
  db: Db,
  artistId: string,
  statuses: ProviderStatusMap,
  until: Date,
  now: Date,
): Promise<void> {
  await db.artist.update({
    where: { id: artistId },
    data: {
      enrichmentStatus: "not_found",
      providerStatus: json(statuses),
      candidates: [],
      notFoundUntil: until,
      enrichedAt: now,
    },
  });
}

/** No provider answered: keep the data the artist had, record why. */
export async function saveFailure(
  db: Db,
  artistId: string,
  statuses: ProviderStatusMap,
  message: string,
  now: Date,
): Promise<void> {
  await db.artist.update({
    where: { id: artistId },
    data: {
      enrichmentStatus: "failed",
      providerStatus: json({ ...statuses, error: { message, at: now.toISOString() } }),
    },
  });
}
