// The videos and playlists APIs' shapes and request schemas.
import { z } from "zod";

import { strictObject } from "../http/strict-object";

export interface VideoView {
  id: string;
  title: string;
  year: number | null;
  sourceUrl: string | null;
  durationSeconds: number | null;
  /** wanted | downloading | downloaded | failed */
  status: string;
  artist: { id: string; name: string } | null;
  createdAt: string;
}

export interface VideoListResponse {
  items: VideoView[];
  nextCursor: string | null;
}

export interface PlaylistSummary {
  id: string;
  name: string;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface PlaylistDetail extends PlaylistSummary {
  /** In play order. */
  items: VideoView[];
}

const year = z.coerce.number().int().min(1900).max(2100).nullable();
const url = z
  .url({ protocol: /^https?$/, error: "Use an http(s) address." })
  .max(2_000)
  .nullable();

/** POST /api/videos */
export const createVideoBody = strictObject({
  title: z.string().trim().min(1, "A video needs a title.").max(300),
  artistId: z.uuid().nullable().default(null),
  year: year.default(null),
  sourceUrl: url.default(null),
});
export type CreateVideoBody = z.input<typeof createVideoBody>;

/** PATCH /api/videos/:id */
export const updateVideoBody = strictObject({
  title: z.string().trim().min(1, "A video needs a title.").max(300),
  artistId: z.uuid().nullable(),
  year,
  sourceUrl: url,
})
  .partial()
  .refine((b) => Object.keys(b).length > 0, {
    message: "Send a field to change.",
    path: ["title"],
  });
export type UpdateVideoBody = z.input<typeof updateVideoBody>;

/** GET /api/videos */
export const listVideosQuery = strictObject({
  q: z.string().trim().max(200).optional(),
  artistId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListVideosQuery = z.input<typeof listVideosQuery>;

/** POST /api/playlists */
export const createPlaylistBody = strictObject({
  name: z.string().trim().min(1, "A playlist needs a name.").max(200),
  videoIds: z.array(z.uuid()).max(1_000).default([]),
});
export type CreatePlaylistBody = z.input<typeof createPlaylistBody>;

/** PATCH /api/playlists/:id — videoIds replaces the items, in the order given. */
export const updatePlaylistBody = strictObject({
  name: z.string().trim().min(1, "A playlist needs a name.").max(200),
  videoIds: z.array(z.uuid()).max(1_000),
})
  .partial()
  .refine((b) => b.name !== undefined || b.videoIds !== undefined, {
    message: "Send a name or the videos.",
    path: ["name"],
  });
export type UpdatePlaylistBody = z.input<typeof updatePlaylistBody>;

export const idParam = z.object({ id: z.uuid() });
