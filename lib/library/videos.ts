import type { z } from "zod";

import type { Db } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { AppError, notFound } from "../http/errors";
import type {
  createVideoBody,
  listVideosQuery,
  updateVideoBody,
  VideoListResponse,
  VideoView,
} from "./video-dto";

export const VIDEO_INCLUDE = { artist: { select: { id: true, name: true } } } as const;
type VideoRecord = Prisma.VideoGetPayload<{ include: typeof VIDEO_INCLUDE }>;

export function toVideoView(v: VideoRecord): VideoView {
  return {
    id: v.id,
    title: v.title,
    year: v.year,
    sourceUrl: v.sourceUrl,
    durationSeconds: v.durationSeconds,
    status: v.status,
    artist: v.artist,
    createdAt: v.createdAt.toISOString(),
  };
}

const encode = (v: VideoRecord) =>
  Buffer.from(`${v.createdAt.toISOString()}|${v.id}`).toString("base64url");

function decode(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError("validation_failed", "cursor: not a cursor from this list.", {
      field: "cursor",
    });
  }

  return { createdAt: new Date(at), id };
}

/** GET /api/videos: newest first, by title search and artist, keyset pages. */
export async function listVideos(
  db: Db,
  query: z.output<typeof listVideosQuery>,
): Promise<VideoListResponse> {
  const where: Prisma.VideoWhereInput[] = [];
  if (query.q) where.push({ title: { contains: query.q, mode: "insensitive" } });
  if (query.artistId) where.push({ artistId: query.artistId });
  if (query.cursor) {
    const c = decode(query.cursor);
    where.push({
      OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }],
    });
  }
  const rows = await db.video.findMany({
    where: { AND: where },
    include: VIDEO_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);

  return {
    items: page.map(toVideoView),
    nextCursor: rows.length > query.limit && last ? encode(last) : null,
  };
}

async function assertArtist(db: Db, artistId: string | null | undefined) {
  if (!artistId) return;
  const found = await db.artist.count({ where: { id: artistId } });
  if (!found)
    throw new AppError("validation_failed", "artistId: no such artist.", { field: "artistId" });
}

/** POST /api/videos: a wanted video (downloading comes with the download job). */
export async function createVideo(
  db: Db,
  body: z.output<typeof createVideoBody>,
): Promise<VideoView> {
  await assertArtist(db, body.artistId);
  const video = await db.video.create({ data: body, include: VIDEO_INCLUDE });

  return toVideoView(video);
}

/** PATCH /api/videos/:id */
export async function updateVideo(
  db: Db,
  id: string,
  body: z.output<typeof updateVideoBody>,
): Promise<VideoView> {
  await assertArtist(db, body.artistId);
  const exists = await db.video.count({ where: { id } });
  if (!exists) throw notFound("The video");
  const video = await db.video.update({ where: { id }, data: body, include: VIDEO_INCLUDE });

  return toVideoView(video);
}

/** DELETE /api/videos/:id — also leaves every playlist it was on. */
export async function deleteVideo(db: Db, id: string): Promise<void> {
  const { count } = await db.video.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The video");
}
