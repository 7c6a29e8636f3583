// The one place that names playlist queries.
import { queryOptions } from "@tanstack/react-query";

import { fetchPlaylist, fetchPlaylists } from "./library-client";

export const playlistKeys = {
  all: ["playlists"] as const,
  list: () => [...playlistKeys.all, "list"] as const,
  detail: (id: string) => [...playlistKeys.all, "detail", id] as const,
};

export const playlistListOptions = () =>
  queryOptions({ queryKey: playlistKeys.list(), queryFn: fetchPlaylists });

/** A playlist with its videos in order. */
export const playlistDetailOptions = (id: string) =>
  queryOptions({ queryKey: playlistKeys.detail(id), queryFn: () => fetchPlaylist(id) });
