// What the library's routes call: the domain functions bound to the process's database and
// job services, so nothing under app/ touches either directly.
import type { z } from "zod";

import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { jobServices } from "../jobs/job-services";
import type { enrichMissingBody, listArtistsQuery, updateArtistBody } from "./artist-dto";
import { deleteArtist, enrichMissing, resolveArtist, updateArtist } from "./artist-edits";
import { getArtist, listArtists } from "./artists";
import { createImport, type ImportInput } from "./import/create-import";
import { getImport, listImports } from "./import/import-queries";
import {
  createPlaylist,
  deletePlaylist,
  getPlaylist,
  listPlaylists,
  updatePlaylist,
} from "./playlists";
import type {
  createPlaylistBody,
  createVideoBody,
  listVideosQuery,
  updatePlaylistBody,
  updateVideoBody,
} from "./video-dto";
import { createVideo, deleteVideo, listVideos, updateVideo } from "./videos";

type Out<S extends z.ZodType> = z.output<S>;

export const artistsApi = {
  list: (query: Out<typeof listArtistsQuery>) => listArtists(db(), query),
  get: (actor: Actor, id: string) => getArtist(db(), actor, id),
  update: (actor: Actor, id: string, body: Out<typeof updateArtistBody>) =>
    updateArtist(db(), actor, id, body),
  resolve: async (actor: Actor, id: string, mbid: string) =>
    resolveArtist(await jobServices(), actor, id, mbid),
  remove: (id: string) => deleteArtist(db(), id),
  enrichMissing: async (actor: Actor, body: Out<typeof enrichMissingBody>) =>
    enrichMissing(await jobServices(), actor, body),
};

export const importsApi = {
  create: async (actor: Actor, input: ImportInput) =>
    createImport(await jobServices(), actor, input),
  get: (actor: Actor, id: string) => getImport(db(), actor, id),
  list: (actor: Actor) => listImports(db(), actor),
};

export const videosApi = {
  list: (query: Out<typeof listVideosQuery>) => listVideos(db(), query),
  create: (body: Out<typeof createVideoBody>) => createVideo(db(), body),
  update: (id: string, body: Out<typeof updateVideoBody>) => updateVideo(db(), id, body),
  remove: (id: string) => deleteVideo(db(), id),
};

export const playlistsApi = {
  list: () => listPlaylists(db()),
  get: (id: string) => getPlaylist(db(), id),
  create: (body: Out<typeof createPlaylistBody>) => createPlaylist(db(), body),
  update: (id: string, body: Out<typeof updatePlaylistBody>) => updatePlaylist(db(), id, body),
  remove: (id: string) => deletePlaylist(db(), id),
};
