// The artists API's shapes and request schemas; pages and forms import these.
import { z } from "zod";

import { strictObject } from "../http/strict-object";
import type { JobSummary } from "../jobs/job-dto";
import type { CandidateView } from "../enrichment/match-artist";

export const ENRICHMENT_STATUSES = [
  "not_enriched",
  "enriched",
  "partial",
  "needs_review",
  "not_found",
  "failed",
] as const;
export type EnrichmentStatus = (typeof ENRICHMENT_STATUSES)[number];

export const ARTIST_SORTS = ["name", "recent", "enriched"] as const;
export type ArtistSort = (typeof ARTIST_SORTS)[number];

/** Fields a person may edit; an edited field is locked against enrichment. */
export const EDITABLE_FIELDS = [
  "name",
  "canonicalName",
  "mbid",
  "spotifyId",
  "type",
  "country",
  "area",
  "beginArea",
  "beginDate",
  "endDate",
  "disambiguation",
  "genres",
  "bio",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface ArtistListItem {
  id: string;
  name: string;
  canonicalName: string | null;
  disambiguation: string | null;
  enrichmentStatus: EnrichmentStatus;
  country: string | null;
  type: string | null;
  genres: string[];
  imageUrl: string | null;
  createdAt: string;
  enrichedAt: string | null;
}

export interface ArtistListResponse {
  items: ArtistListItem[];
  nextCursor: string | null;
  /** Artists matching the search and filter, over all pages. */
  total: number;
}

export interface FieldSourceView {
  source: string;
  at: string;
  url?: string;
}

/** A MusicBrainz candidate as matching scored it, shown when an artist needs review. */
export type { CandidateView };

export interface ArtistDetail extends ArtistListItem {
  sortName: string | null;
  mbid: string | null;
  spotifyId: string | null;
  lastfmName: string | null;
  area: string | null;
  beginArea: string | null;
  beginDate: string | null;
  endDate: string | null;
  aliases: string[];
  bio: string | null;
  lastfmListeners: number | null;
  lastfmPlaycount: number | null;
  spotifyFollowers: number | null;
  spotifyPopularity: number | null;
  similarArtists: string[];
  images: { url: string; width: number | null; height: number | null }[];
  externalLinks: Record<string, string>;
  providerStatus: Record<string, { status: string; checkedAt?: string; reason?: string }>;
  fieldSources: Record<string, FieldSourceView>;
  matchEvidence: Record<string, unknown>;
  candidates: CandidateView[];
  lockedFields: string[];
  notFoundUntil: string | null;
  updatedAt: string;
  videos: { id: string; title: string; year: number | null }[];
  /** Enrichment and other jobs about this artist the viewer may see, newest first. */
  jobs: JobSummary[];
}

/** GET /api/artists */
export const listArtistsQuery = strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(ENRICHMENT_STATUSES).optional(),
  sort: z.enum(ARTIST_SORTS).default("name"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(60),
});
export type ListArtistsQuery = z.input<typeof listArtistsQuery>;

const shortText = z.string().trim().min(1).max(300).nullable();

/** Per-field rules for edits; null clears a field (and still locks it). */
export const editableFieldSchemas = {
  name: z.string().trim().min(1, "The name cannot be empty.").max(300),
  canonicalName: shortText,
  mbid: z.uuid("Not a MusicBrainz id.").nullable(),
  spotifyId: z
    .string()
    .regex(/^[0-9A-Za-z]{22}$/, "Not a Spotify id.")
    .nullable(),
  type: shortText,
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "Use a two-letter country code.")
    .nullable(),
  area: shortText,
  beginArea: shortText,
  beginDate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "Use YYYY, YYYY-MM or YYYY-MM-DD.")
    .nullable(),
  endDate: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "Use YYYY, YYYY-MM or YYYY-MM-DD.")
    .nullable(),
  disambiguation: shortText,
  genres: z.array(z.string().trim().min(1).max(100)).max(20),
  bio: z.string().trim().max(20_000).nullable(),
} satisfies Record<EditableField, z.ZodType>;

/** PATCH /api/artists/:id — set fields (locking them) and/or unlock fields. */
export const updateArtistBody = strictObject({
  fields: strictObject(editableFieldSchemas).partial().default({}),
  unlock: z.array(z.enum(EDITABLE_FIELDS)).max(EDITABLE_FIELDS.length).default([]),
}).refine((b) => Object.keys(b.fields).length > 0 || b.unlock.length > 0, {
  message: "Send fields to change or fields to unlock.",
  path: ["fields"],
});
export type UpdateArtistBody = z.input<typeof updateArtistBody>;

/** POST /api/artists/:id/resolve — the candidate a person picked. */
export const resolveArtistBody = strictObject({ mbid: z.uuid() });

/** POST /api/artists/enrich-missing */
export const enrichMissingBody = strictObject({
  statuses: z
    .array(z.enum(ENRICHMENT_STATUSES))
    .min(1)
    .default(["not_enriched", "failed", "partial"]),
});

export const artistIdParam = z.object({ id: z.uuid() });
