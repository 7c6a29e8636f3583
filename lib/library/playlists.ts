import type { z } from "zod";

import type { Db } from "../db/client";
import { AppError, notFound } from "../http/errors";
import type {
  createPlaylistBody,
  PlaylistDetail,
  PlaylistSummary,
  updatePlaylistBody,
} from "./video-dto";
import { toVideoView, VIDEO_INCLUDE } from "./videos";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** GET /api/playlists: every playlist, by name, with its length. */
export async function listPlaylists(db: Db): Promise<PlaylistSummary[]> {
  const playlists = await db.playlist.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: { _count: { select: { items: true } } },
    take: 500,
  });

  return playlists.map((p) => ({
    id: p.id,
    name: p.name,
    itemCount: p._count.items,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

/** GET /api/playlists/:id: the playlist with its videos in play order. */
export async function getPlaylist(db: Db, id: string): Promise<PlaylistDetail> {
  const playlist = await db.playlist.findUnique({
    where: { id },
    include: {
      items: { orderBy: { position: "asc" }, include: { video: { include: VIDEO_INCLUDE } } },
    },
  });
  if (!playlist) throw notFound("The playlist");

  return {
    id: playlist.id,
    name: playlist.name,
    itemCount: playlist.items.length,
    createdAt: playlist.createdAt.toISOString(),
    updatedAt: playlist.updatedAt.toISOString(),
    items: playlist.items.map((item) => toVideoView(item.video)),
  };
}

/** Replaces a playlist's items with these videos, in this order (repeats are refused). */
async function setItems(tx: Tx, playlistId: string, videoIds: string[]) {
  if (new Set(videoIds).size !== videoIds.length) {
    throw new AppError("validation_failed", "videoIds: a video can be on a playlist once.", {
      field: "videoIds",
    });
  }
  const found = await tx.video.count({ where: { id: { in: videoIds } } });
  if (found !== videoIds.length) {
    throw new AppError("validation_failed", "videoIds: some videos do not exist.", {
      field: "videoIds",
    });
  }
  await tx.playlistItem.deleteMany({ where: { playlistId } });
  await tx.playlistItem.createMany({
    data: videoIds.map((videoId, position) => ({ playlistId, videoId, position })),
  });
}

/** POST /api/playlists */
export async function createPlaylist(
  db: Db,
  body: z.output<typeof createPlaylistBody>,
): Promise<PlaylistDetail> {
  const id = await db.$transaction(async (tx) => {
    const playlist = await tx.playlist.create({ data: { name: body.name } });
    await setItems(tx, playlist.id, body.videoIds);

    return playlist.id;
  });

  return getPlaylist(db, id);
}

/** PATCH /api/playlists/:id: rename, and/or set the videos in order. */
export async function updatePlaylist(
  db: Db,
  id: string,
  body: z.output<typeof updatePlaylistBody>,
): Promise<PlaylistDetail> {
  await db.$transaction(async (tx) => {
    const exists = await tx.playlist.count({ where: { id } });
    if (!exists) throw notFound("The playlist");
    await tx.playlist.update({ where: { id }, data: { name: body.name, updatedAt: new Date() } });
    if (body.videoIds) await setItems(tx, id, body.videoIds);
  });

  return getPlaylist(db, id);
}

/** DELETE /api/playlists/:id — the videos stay in the library. */
export async function deletePlaylist(db: Db, id: string): Promise<void> {
  const { count } = await db.playlist.deleteMany({ where: { id } });
  if (count === 0) throw notFound("The playlist");
}
