import type { z } from "zod";

import type { Actor } from "../auth/actor";
import { jobScopeFor } from "../auth/policy";
import type { Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { notFound } from "../http/errors";
import { JOB_SELECT, type JobRow, toJobSummary } from "../jobs/job-summary";
import type {
  ArtistDetail,
  ArtistListItem,
  ArtistListResponse,
  ArtistSort,
  EnrichmentStatus,
  listArtistsQuery,
} from "./artist-dto";
import { type ArtistCursor, decodeArtistCursor, encodeArtistCursor } from "./artist-cursor";

type ArtistRecord = Awaited<ReturnType<Db["artist"]["findFirstOrThrow"]>>;
type Where = Prisma.ArtistWhereInput;

const ORDER: Record<ArtistSort, Prisma.ArtistOrderByWithRelationInput[]> = {
  name: [{ name: "asc" }, { id: "asc" }],
  recent: [{ createdAt: "desc" }, { id: "desc" }],
  enriched: [{ enrichedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
};

/** Rows after the cursor in the sort's order (keyset pagination: no OFFSET, any page is fast). */
function afterCursor(c: ArtistCursor): Where {
  if (c.sort === "name") {
    const name = c.value ?? "";
    return { OR: [{ name: { gt: name } }, { name, id: { gt: c.id } }] };
  }
  if (c.sort === "recent") {
    const at = new Date(c.value ?? 0);
    return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: c.id } }] };
  }
  if (c.value === null) return { enrichedAt: null, id: { lt: c.id } };
  const at = new Date(c.value);

  return {
    OR: [{ enrichedAt: { lt: at } }, { enrichedAt: at, id: { lt: c.id } }, { enrichedAt: null }],
  };
}

function cursorOf(sort: ArtistSort, artist: ArtistRecord): string {
  const value =
    sort === "name"
      ? artist.name
      : sort === "recent"
        ? artist.createdAt.toISOString()
        : (artist.enrichedAt?.toISOString() ?? null);

  return encodeArtistCursor({ sort, value, id: artist.id });
}

/** The search and filter part of a list query, shared by the page and the count. */
function filterOf(query: { q?: string; status?: EnrichmentStatus }): Where {
  const where: Where[] = [];
  if (query.q) {
    where.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { canonicalName: { contains: query.q, mode: "insensitive" } },
      ],
    });
  }
  if (query.status) where.push({ enrichmentStatus: query.status });

  return { AND: where };
}

/**
 * GET /api/artists: search (name or canonical name, any case), one status filter, three sort
 * orders, a page at a time by keyset cursor. The library is shared by every user.
 */
export async function listArtists(
  db: Db,
  query: z.output<typeof listArtistsQuery>,
): Promise<ArtistListResponse> {
  const filter = filterOf(query);
  const where = query.cursor
    ? { AND: [filter, afterCursor(decodeArtistCursor(query.cursor, query.sort))] }
    : filter;
  const [rows, total] = await Promise.all([
    db.artist.findMany({ where, orderBy: ORDER[query.sort], take: query.limit + 1 }),
    db.artist.count({ where: filter }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);

  return {
    items: page.map(toListItem),
    nextCursor: rows.length > query.limit && last ? cursorOf(query.sort, last) : null,
    total,
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const num = (value: bigint | null) => (value === null ? null : Number(value));

function firstImage(images: unknown): string | null {
  const list = Array.isArray(images) ? (images as { url?: unknown }[]) : [];
  const url = list[0]?.url;

  return typeof url === "string" ? url : null;
}

export function toListItem(a: ArtistRecord): ArtistListItem {
  return {
    id: a.id,
    name: a.name,
    canonicalName: a.canonicalName,
    disambiguation: a.disambiguation,
    enrichmentStatus: a.enrichmentStatus as EnrichmentStatus,
    country: a.country,
    type: a.type,
    genres: a.genres.slice(0, 3),
    imageUrl: firstImage(a.images),
    createdAt: a.createdAt.toISOString(),
    enrichedAt: iso(a.enrichedAt),
  };
}

const asRecord = <T>(value: unknown, fallback: T): T =>
  value && typeof value === "object" ? (value as T) : fallback;

/** Everything known about one artist, with each field's source, its videos and its jobs. */
export async function getArtist(db: Db, actor: Actor, id: string): Promise<ArtistDetail> {
  const artist = await db.artist.findUnique({
    where: { id },
    include: {
      videos: { select: { id: true, title: true, year: true }, orderBy: { title: "asc" } },
    },
  });
  if (!artist) throw notFound("The artist");

  return {
    ...toListItem(artist),
    genres: artist.genres,
    sortName: artist.sortName,
    mbid: artist.mbid,
    spotifyId: artist.spotifyId,
    lastfmName: artist.lastfmName,
    area: artist.area,
    beginArea: artist.beginArea,
    beginDate: artist.beginDate,
    endDate: artist.endDate,
    aliases: artist.aliases,
    bio: artist.bio,
    lastfmListeners: num(artist.lastfmListeners),
    lastfmPlaycount: num(artist.lastfmPlaycount),
    spotifyFollowers: num(artist.spotifyFollowers),
    spotifyPopularity: artist.spotifyPopularity,
    similarArtists: artist.similarArtists,
    images: asRecord(artist.images, []),
    externalLinks: asRecord(artist.externalLinks, {}),
    providerStatus: asRecord(artist.providerStatus, {}),
    fieldSources: asRecord(artist.fieldSources, {}),
    matchEvidence: asRecord(artist.matchEvidence, {}),
    candidates: asRecord(artist.candidates, []),
    lockedFields: artist.lockedFields,
    notFoundUntil: iso(artist.notFoundUntil),
    updatedAt: artist.updatedAt.toISOString(),
    videos: artist.videos,
    jobs: await artistJobs(db, actor, id),
  };
}

/** The artist's jobs the actor may see (members: their own; admins: all), newest first. */
async function artistJobs(db: Db, actor: Actor, artistId: string) {
  const scope = jobScopeFor(actor);
  const rows = await db.$queryRawUnsafe<JobRow[]>(
    `SELECT ${JOB_SELECT} FROM job j LEFT JOIN "user" u ON u.id = j."createdById"
      WHERE j."artistId" = $1::uuid AND ($2::text IS NULL OR j."createdById" = $2)
      ORDER BY j."createdAt" DESC LIMIT 20`,
    artistId,
    scope.createdById ?? null,
  );
  const now = new Date();

  return rows.map((row) => toJobSummary(row, now));
}
