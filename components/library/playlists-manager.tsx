"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";

import { createPlaylist } from "./library-client";
import { PlaylistEditor } from "./playlist-editor";
import { playlistKeys, playlistListOptions } from "./playlist-query-options";
import {
  EmptyState,
  LoadError,
  LoadingRows,
  buttonClass,
  inputClass,
  primaryButtonClass,
} from "./ui";

/** The playlists page: create playlists, then open one to fill and order it. */
export function PlaylistsManager() {
  const queryClient = useQueryClient();
  const query = useQuery(playlistListOptions());
  const [open, setOpen] = useState<string | null>(null);
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: createPlaylist,
    onSuccess: (playlist) => {
      setName("");
      setOpen(playlist.id);
    },
    onError: (error) =>
      toast.error("Could not create the playlist", { description: error.message }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: playlistKeys.all }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  };

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Playlists</h1>
      <form onSubmit={submit} className="flex flex-wrap gap-2">
        <label className="min-w-0 flex-1">
          <span className="sr-only">New playlist name</span>
          <input
            className={inputClass}
            placeholder="New playlist name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className={primaryButtonClass}
          disabled={!name.trim() || create.isPending}
        >
          Create playlist
        </button>
      </form>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Syncing playlists to players comes in a later version.
      </p>
      {query.isPending ? <LoadingRows count={3} label="Loading playlists" /> : null}
      {query.isError ? <LoadError error={query.error} retry={() => void query.refetch()} /> : null}
      {query.isSuccess && query.data.length === 0 ? (
        <EmptyState title="No playlists yet">
          <p>
            Name your first playlist above, then add videos to it in the order they should play.
          </p>
        </EmptyState>
      ) : null}
      <ul aria-label="Playlists" className="flex flex-col gap-2">
        {query.data?.map((p) => (
          <li key={p.id} className="flex flex-col gap-2">
            <button
              type="button"
              aria-expanded={open === p.id}
              className={`${buttonClass} justify-between`}
              onClick={() => setOpen(open === p.id ? null : p.id)}
            >
              <span className="break-words">{p.name}</span>
              <span className="text-xs text-zinc-500">
                {p.itemCount} video{p.itemCount === 1 ? "" : "s"}
              </span>
            </button>
            {open === p.id ? <PlaylistEditor id={p.id} onDeleted={() => setOpen(null)} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
