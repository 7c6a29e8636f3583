// Browser calls to the library API. One error type for all of them: the server's code and
// message, shown as they are.
import { ApiError } from "@/components/jobs/job-api";
import type {
  ArtistDetail,
  ArtistListResponse,
  ArtistSort,
  EnrichmentStatus,
  UpdateArtistBody,
} from "@/lib/library/artist-dto";
import type {
  CreateImportBody,
  ImportDetail,
  ImportSummary,
} from "@/lib/library/import/import-dto";
import type { JobSummary } from "@/lib/jobs/job-dto";
import type {
  CreatePlaylistBody,
  CreateVideoBody,
  PlaylistDetail,
  PlaylistSummary,
  UpdatePlaylistBody,
  UpdateVideoBody,
  VideoListResponse,
  VideoView,
} from "@/lib/library/video-dto";

export { ApiError };

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

async function call<T>(
  path: string,
  init: { method?: string; json?: unknown; body?: FormData } = {},
) {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.json === undefined ? {} : { "content-type": "application/json" },
    body: init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    const message = body.error?.message ?? `The request failed (${response.status}).`;
    throw new ApiError(response.status, body.error?.code ?? "unknown", message);
  }

  return (response.status === 204 ? undefined : await response.json()) as T;
}

export interface ArtistFilters {
  q: string;
  status: EnrichmentStatus | null;
  sort: ArtistSort;
}

export function fetchArtists(filters: ArtistFilters, cursor: string | null, limit = 60) {
  const params = new URLSearchParams({ sort: filters.sort, limit: String(limit) });
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.status) params.set("status", filters.status);
  if (cursor) params.set("cursor", cursor);

  return call<ArtistListResponse>(`/api/artists?${params}`);
}

const artistPath = (id: string) => `/api/artists/${encodeURIComponent(id)}`;

export const fetchArtist = async (id: string) =>
  (await call<{ artist: ArtistDetail }>(artistPath(id))).artist;

export const updateArtist = async (id: string, body: UpdateArtistBody) =>
  (await call<{ artist: ArtistDetail }>(artistPath(id), { method: "PATCH", json: body })).artist;

export const resolveArtist = (id: string, mbid: string) =>
  call<{ jobId: string | null; deduplicated: boolean }>(`${artistPath(id)}/resolve`, {
    method: "POST",
    json: { mbid },
  });

/** Enqueues enrichment for these artists (the jobs API); one live job per artist. */
export const enrichArtists = (artistIds: string[], forceRefresh = false) =>
  call<{ jobs: { id: string; artistId: string; deduplicated: boolean }[] }>(
    "/api/jobs/enrich-metadata",
    {
      method: "POST",
      json: { artistIds, forceRefresh, priority: forceRefresh ? "high" : "normal" },
    },
  );

export const enrichMissing = () =>
  call<{ enqueued: number; alreadyQueued: number }>("/api/artists/enrich-missing", {
    method: "POST",
    json: {},
  });

export type ImportResponse = { import: ImportSummary; job: JobSummary };

export const createImportFromText = (body: CreateImportBody) =>
  call<ImportResponse>("/api/imports", { method: "POST", json: body });

export function createImportFromFile(file: File) {
  const form = new FormData();
  form.set("file", file);

  return call<ImportResponse>("/api/imports", { method: "POST", body: form });
}

export const fetchImport = async (id: string) =>
  (await call<{ import: ImportDetail }>(`/api/imports/${encodeURIComponent(id)}`)).import;

export function fetchVideos(q: string, cursor: string | null) {
  const params = new URLSearchParams({ limit: "50" });
  if (q.trim()) params.set("q", q.trim());
  if (cursor) params.set("cursor", cursor);

  return call<VideoListResponse>(`/api/videos?${params}`);
}

export const createVideo = async (body: CreateVideoBody) =>
  (await call<{ video: VideoView }>("/api/videos", { method: "POST", json: body })).video;

export const updateVideo = async (id: string, body: UpdateVideoBody) =>
  (await call<{ video: VideoView }>(`/api/videos/${id}`, { method: "PATCH", json: body })).video;

export const deleteVideo = (id: string) => call<void>(`/api/videos/${id}`, { method: "DELETE" });

export const fetchPlaylists = async () =>
  (await call<{ playlists: PlaylistSummary[] }>("/api/playlists")).playlists;

export const fetchPlaylist = async (id: string) =>
  (await call<{ playlist: PlaylistDetail }>(`/api/playlists/${id}`)).playlist;

export const createPlaylist = async (body: CreatePlaylistBody) =>
  (await call<{ playlist: PlaylistDetail }>("/api/playlists", { method: "POST", json: body }))
    .playlist;

export const updatePlaylist = async (id: string, body: UpdatePlaylistBody) =>
  (
    await call<{ playlist: PlaylistDetail }>(`/api/playlists/${id}`, {
      method: "PATCH",
      json: body,
    })
  ).playlist;

export const deletePlaylist = (id: string) =>
  call<void>(`/api/playlists/${id}`, { method: "DELETE" });
