"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";

import type { VideoView } from "@/lib/library/video-dto";

import { createVideo, deleteVideo, updateVideo } from "./library-client";
import { EmptyState, LoadError, LoadingRows, buttonClass, inputClass } from "./ui";
import { type VideoDraft, VideoForm } from "./video-form";
import { videoKeys, videoListOptions } from "./video-query-options";

const LATER = "Downloads and thumbnails come in a later version of Roadie.";

function useVideoMutations() {
  const queryClient = useQueryClient();
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: videoKeys.all });
  const onError = (error: Error) =>
    toast.error("Could not save the video", { description: error.message });

  return {
    add: useMutation({ mutationFn: createVideo, onSettled, onError }),
    edit: useMutation({
      mutationFn: ({ id, draft }: { id: string; draft: VideoDraft }) => updateVideo(id, draft),
      onSettled,
      onError,
    }),
    remove: useMutation({ mutationFn: deleteVideo, onSettled, onError }),
  };
}

function VideoItem({
  video,
  mutations,
}: {
  video: VideoView;
  mutations: ReturnType<typeof useVideoMutations>;
}) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <VideoForm
          initial={video}
          submitLabel="Save"
          busy={mutations.edit.isPending}
          onCancel={() => setEditing(false)}
          onSubmit={(draft) =>
            mutations.edit.mutate({ id: video.id, draft }, { onSuccess: () => setEditing(false) })
          }
        />
      </li>
    );
  }

  return (
    <li className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="min-w-0">
        <p className="font-medium break-words">{video.title}</p>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {[video.artist?.name, video.year, video.status].filter(Boolean).join(" · ")}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} disabled title={LATER}>
          Download (later)
        </button>
        <button type="button" className={buttonClass} disabled title={LATER}>
          Thumbnail (later)
        </button>
        <button
          type="button"
          className={buttonClass}
          aria-label={`Edit ${video.title}`}
          onClick={() => setEditing(true)}
        >
          Edit
        </button>
        <button
          type="button"
          className={buttonClass}
          aria-label={`Delete ${video.title}`}
          onClick={() => {
            if (confirm(`Delete “${video.title}”?`)) mutations.remove.mutate(video.id);
          }}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** The videos page: add, search, edit and delete videos. */
export function VideosManager() {
  const [q, setQ] = useState("");
  const query = useInfiniteQuery(videoListOptions(q.trim()));
  const mutations = useVideoMutations();
  const videos = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Videos</h1>
      <section
        aria-labelledby="add-video"
        className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      >
        <h2 id="add-video" className="mb-2 font-semibold">
          Add a video
        </h2>
        <VideoForm
          submitLabel="Add video"
          busy={mutations.add.isPending}
          onSubmit={(draft) => mutations.add.mutate(draft)}
        />
      </section>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{LATER}</p>
      <label>
        <span className="sr-only">Search videos</span>
        <input
          type="search"
          className={inputClass}
          placeholder="Search videos"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      {query.isPending ? <LoadingRows label="Loading videos" /> : null}
      {query.isError ? <LoadError error={query.error} retry={() => void query.refetch()} /> : null}
      {query.isSuccess && videos.length === 0 ? (
        <EmptyState title={q ? "No videos match" : "No videos yet"}>
          <p>
            {q
              ? "Try another search."
              : "Add the first one with the form above; link it to an artist to see it on the artist's page."}
          </p>
        </EmptyState>
      ) : null}
      <ul aria-label="Videos" className="flex flex-col gap-2">
        {videos.map((v) => (
          <VideoItem key={v.id} video={v} mutations={mutations} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <button type="button" className={buttonClass} onClick={() => void query.fetchNextPage()}>
          Load more
        </button>
      ) : null}
    </div>
  );
}
