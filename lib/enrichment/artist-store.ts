import { execute, queryWith, type SqlClient, type Statement } from "../db/sql-client";
import type { CandidateView } from "./match-artist";
import type { FieldName, MergeResult } from "./merge-artist";
import type { ProviderStatusMap } from "./provider-status";
import type { MatchEvidence } from "./resolve-musicbrainz";

/** What enrichment reads of an artist: the inputs of a run, and what a follow-up merges into. */
export interface StoredArtist {
  id: string;
  name: string;
  mbid: string | null;
  canonicalName: string | null;
  country: string | null;
  type: string | null;
  beginDate: string | null;
  aliases: string[];
  genres: string[];
  externalLinks: Record<string, string>;
  enrichmentStatus: string;
  enrichedAt: Date | null;
  notFoundUntil: Date | null;
  providerStatus: unknown;
  fieldSources: unknown;
  lockedFields: string[];
}

export async function loadArtist(db: SqlClient, artistId: string): Promise<StoredArtist | null> {
  const [artist] = await queryWith<StoredArtist>(db)`
    SELECT "id", "name", "mbid", "canonicalName", "country", "type", "beginDate", "aliases",
      "genres", "externalLinks", "enrichmentStatus", "enrichedAt", "notFoundUntil",
      "providerStatus", "fieldSources", "lockedFields"
    FROM "artist" WHERE "id" = ${artistId}::uuid`;

  return artist ?? null;
}

// The SQL type of every column enrichment writes; the names double as the list of columns a
// statement may name, so nothing else ever reaches the SQL text.
const COLUMN_TYPES: Record<FieldName, string> = {
  canonicalName: "text",
  sortName: "text",
  mbid: "uuid",
  type: "text",
  country: "text",
  area: "text",
  beginArea: "text",
  beginDate: "text",
  endDate: "text",
  disambiguation: "text",
  aliases: "text[]",
  genres: "text[]",
  bio: "text",
  lastfmName: "text",
  lastfmListeners: "int8",
  lastfmPlaycount: "int8",
  similarArtists: "text[]",
  spotifyId: "text",
  spotifyFollowers: "int8",
  spotifyPopularity: "int4",
  images: "jsonb",
  externalLinks: "jsonb",
};

type Assignments = [column: string, type: string, value: unknown][];

/** UPDATE artist SET each column to its value (cast to its type), plus "updatedAt". */
function updateArtist(artistId: string, assignments: Assignments): Statement {
  const values: unknown[] = [];
  const sets = assignments.map(([column, type, value]) => {
    values.push(type === "jsonb" && value !== null ? JSON.stringify(value) : value);
    return `"${column}" = $${values.length}::${type}`;
  });
  values.push(artistId);

  return {
    text: `UPDATE "artist" SET ${[...sets, `"updatedAt" = now()`].join(", ")}
      WHERE "id" = $${values.length}::uuid`,
    values,
  };
}

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
export async function saveMerged(db: SqlClient, input: SaveMergedInput): Promise<void> {
  const sources = { ...(input.previousSources as object), ...input.merged.sources };
  const fields = Object.entries(input.merged.fields) as [FieldName, unknown][];
  const assignments: Assignments = [
    ...fields.map(([field, value]): Assignments[number] => [field, COLUMN_TYPES[field], value]),
    ["enrichmentStatus", "text", input.status],
    ["providerStatus", "jsonb", input.statuses],
    ["fieldSources", "jsonb", sources],
    ...(input.evidence ? [["matchEvidence", "jsonb", input.evidence] as Assignments[number]] : []),
    ["candidates", "jsonb", []],
    ["enrichedAt", "timestamptz", input.now],
    ["notFoundUntil", "timestamptz", null],
  ];

  await execute(db, updateArtist(input.artistId, assignments));
}

/** Several equally good MusicBrainz candidates: keep them for a person to choose. */
export async function saveReview(
  db: SqlClient,
  artistId: string,
  candidates: CandidateView[],
  statuses: ProviderStatusMap,
  now: Date,
): Promise<void> {
  const assignments: Assignments = [
    ["enrichmentStatus", "text", "needs_review"],
    ["candidates", "jsonb", candidates],
    ["providerStatus", "jsonb", statuses],
    ["enrichedAt", "timestamptz", now],
  ];

  await execute(db, updateArtist(artistId, assignments));
}

/** Nothing anywhere: remember it until `until`, and store no partial data. */
export async function saveNotFound(
  db: SqlClient,
  artistId: string,
  statuses: ProviderStatusMap,
  until: Date,
  now: Date,
): Promise<void> {
  const assignments: Assignments = [
    ["enrichmentStatus", "text", "not_found"],
    ["providerStatus", "jsonb", statuses],
    ["candidates", "jsonb", []],
    ["notFoundUntil", "timestamptz", until],
    ["enrichedAt", "timestamptz", now],
  ];

  await execute(db, updateArtist(artistId, assignments));
}

/** No provider answered: keep the data the artist had, record why. */
export async function saveFailure(
  db: SqlClient,
  artistId: string,
  statuses: ProviderStatusMap,
  message: string,
  now: Date,
): Promise<void> {
  const error = { message, at: now.toISOString() };
  const assignments: Assignments = [
    ["enrichmentStatus", "text", "failed"],
    ["providerStatus", "jsonb", { ...statuses, error }],
  ];

  await execute(db, updateArtist(artistId, assignments));
}
