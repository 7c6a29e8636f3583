"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";

import { deletePlaylist, updatePlaylist } from "./library-client";
import { playlistDetailOptions, playlistKeys } from "./playlist-query-options";
import { LoadError, LoadingRows, buttonClass, inputClass, primaryButtonClass } from "./ui";
import { videoListOptions } from "./video-query-options";

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);

  return next;
}

/** One playlist: rename, add videos, reorder, remove, delete. */
export function PlaylistEditor({ id, onDeleted }: { id: string; onDeleted(): void }) {
  const queryClient = useQueryClient();
  const query = useQuery(playlistDetailOptions(id));
  const videos = useInfiniteQuery(videoListOptions(""));
  const [adding, setAdding] = useState("");
  const onError = (error: Error) =>
    toast.error("Could not save the playlist", { description: error.message });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof updatePlaylist>[1]) => updatePlaylist(id, body),
    onSuccess: (playlist) => queryClient.setQueryData(playlistKeys.detail(id), playlist),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: playlistKeys.list() }),
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deletePlaylist(id),
    onSuccess: onDeleted,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: playlistKeys.all }),
    onError,
  });
  if (query.isPending) return <LoadingRows count={3} label="Loading the playlist" />;
  if (query.isError) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  const playlist = query.data;
  const ids = playlist.items.map((v) => v.id);
  const candidates = (videos.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (v) => !ids.includes(v.id),
  );
  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = new FormData(event.currentTarget).get("name");
    if (typeof name === "string" && name.trim()) save.mutate({ name: name.trim() });
  };

  return (
    <section
      aria-label={`Playlist ${playlist.name}`}
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <form onSubmit={rename} className="flex flex-wrap gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">Playlist name</span>
          <input
            name="name"
            key={playlist.name}
            defaultValue={playlist.name}
            className={inputClass}
          />
        </label>
        <button type="submit" className={buttonClass}>
          Rename
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => {
            if (confirm(`Delete the playlist “${playlist.name}”?`)) remove.mutate();
          }}
        >
          Delete playlist
        </button>
      </form>
      {playlist.items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          This playlist is empty: add videos below.
        </p>
      ) : (
        <ol className="flex flex-col gap-1">
          {playlist.items.map((video, i) => (
            <li
              key={video.id}
              className="flex flex-wrap items-center gap-2 border-b border-zinc-200 py-1 text-sm dark:border-zinc-800"
            >
              <span className="w-6 text-zinc-500">{i + 1}.</span>
              <span className="min-w-0 flex-1 break-words">
                {video.title}
                {video.artist ? ` — ${video.artist.name}` : ""}
              </span>
              <button
                type="button"
                className={buttonClass}
                aria-label={`Move ${video.title} up`}
                disabled={i === 0}
                onClick={() => save.mutate({ videoIds: move(ids, i, i - 1) })}
              >
                ↑
              </button>
              <button
                type="button"
                className={buttonClass}
                aria-label={`Move ${video.title} down`}
                disabled={i === ids.length - 1}
                onClick={() => save.mutate({ videoIds: move(ids, i, i + 1) })}
              >
                ↓
              </button>
              <button
                type="button"
                className={buttonClass}
                aria-label={`Remove ${video.title}`}
                onClick={() => save.mutate({ videoIds: ids.filter((v) => v !== video.id) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">Video to add</span>
          <select className={inputClass} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a video to add…</option>
            {candidates.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={!adding || save.isPending}
          onClick={() =>
            save.mutate({ videoIds: [...ids, adding] }, { onSuccess: () => setAdding("") })
          }
        >
          Add to playlist
        </button>
      </div>
    </section>
  );
}
