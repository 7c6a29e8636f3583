"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";

import { JobProgressBar } from "@/components/jobs/job-progress-bar";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { EDITABLE_FIELDS, type ArtistDetail, type EditableField } from "@/lib/library/artist-dto";

import { ArtistCandidates } from "./artist-candidates";
import { ArtistFieldRow } from "./artist-field-row";
import { artistDetailOptions, artistKeys } from "./artist-query-options";
import { EnrichmentStatusBadge } from "./enrichment-status";
import { resolveArtist, updateArtist } from "./library-client";
import { LoadError, LoadingRows, primaryButtonClass } from "./ui";
import { useEnrichArtists } from "./use-enrich-actions";
import { useLibraryLiveUpdates } from "./use-library-live-updates";

function useArtistMutations(id: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: artistKeys.all });
  const edit = useMutation({
    mutationFn: (body: Parameters<typeof updateArtist>[1]) => updateArtist(id, body),
    onSuccess: (artist) => queryClient.setQueryData(artistKeys.detail(id), artist),
    onError: (error) => toast.error("Could not save", { description: error.message }),
    onSettled: refresh,
  });
  const pick = useMutation({
    mutationFn: (mbid: string) => resolveArtist(id, mbid),
    onSuccess: () => toast.success("Saved your pick; enriching again"),
    onError: (error) => toast.error("Could not save the pick", { description: error.message }),
    onSettled: refresh,
  });

  return { edit, pick };
}

function Facts({ artist }: { artist: ArtistDetail }) {
  const rows: [string, string | null][] = [
    ["Aliases", artist.aliases.join(", ") || null],
    ["Last.fm listeners", artist.lastfmListeners?.toLocaleString() ?? null],
    ["Spotify followers", artist.spotifyFollowers?.toLocaleString() ?? null],
    ["Spotify popularity", artist.spotifyPopularity?.toString() ?? null],
    ["Similar artists", artist.similarArtists.join(", ") || null],
  ];
  const providers = Object.entries(artist.providerStatus).filter(([name]) => name !== "error");

  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
      {rows
        .filter(([, v]) => v)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-zinc-700 dark:text-zinc-300">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      {providers.map(([name, status]) => (
        <div key={name} className="contents">
          <dt className="font-medium text-zinc-700 dark:text-zinc-300">{name}</dt>
          <dd className="break-words">
            {status.status}
            {status.reason ? ` (${status.reason})` : ""}
          </dd>
        </div>
      ))}
      {Object.entries(artist.externalLinks).map(([name, url]) => (
        <div key={name} className="contents">
          <dt className="font-medium text-zinc-700 dark:text-zinc-300">{name}</dt>
          <dd className="break-all">
            <a href={url} className="underline" rel="noreferrer" target="_blank">
              {url}
            </a>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function JobHistory({ artist }: { artist: ArtistDetail }) {
  if (artist.jobs.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No jobs yet. “Enrich now” starts one.
      </p>
    );
  }

  return (
    <ul className="flex flex-col gap-2">
      {artist.jobs.map((job) => (
        <li
          key={job.id}
          className="flex flex-col gap-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
        >
          <div className="flex items-center justify-between gap-2 text-sm">
            <Link href={`/jobs/${job.id}`} className="hover:underline">
              {job.title}
            </Link>
            <JobStatusBadge status={job.status} />
          </div>
          <JobProgressBar progress={job.progress} status={job.status} label={job.title} />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {job.error ?? job.message ?? ""} · {new Date(job.createdAt).toLocaleString()} ·{" "}
            {job.createdBy.name}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Everything known about one artist, editable field by field, with its jobs. */
export function ArtistDetailView({ id }: { id: string }) {
  useLibraryLiveUpdates();
  const query = useQuery(artistDetailOptions(id));
  const { edit, pick } = useArtistMutations(id);
  const enrich = useEnrichArtists();
  if (query.isPending) return <LoadingRows label="Loading the artist" />;
  if (query.isError) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  const artist = query.data;
  const save = (field: EditableField, value: string | string[] | null) =>
    edit.mutate({ fields: { [field]: value } });

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">
            {artist.canonicalName ?? artist.name}
          </h1>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <EnrichmentStatusBadge status={artist.enrichmentStatus} />
            {artist.enrichedAt ? (
              <span>checked {new Date(artist.enrichedAt).toLocaleString()}</span>
            ) : null}
          </div>
        </div>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={enrich.isPending}
          onClick={() => enrich.mutate({ ids: [artist.id], force: true })}
        >
          Enrich now
        </button>
      </div>
      {artist.enrichmentStatus === "needs_review" && artist.candidates.length > 0 ? (
        <ArtistCandidates
          candidates={artist.candidates}
          picking={pick.isPending}
          onPick={(mbid) => pick.mutate(mbid)}
        />
      ) : null}
      <section aria-labelledby="fields-title">
        <h2 id="fields-title" className="mb-1 font-semibold">
          Details
        </h2>
        <dl>
          {EDITABLE_FIELDS.map((field) => (
            <ArtistFieldRow
              key={field}
              artist={artist}
              field={field}
              saving={edit.isPending}
              onSave={save}
              onUnlock={(f) => edit.mutate({ unlock: [f] })}
            />
          ))}
        </dl>
      </section>
      <section aria-labelledby="facts-title" className="flex flex-col gap-2">
        <h2 id="facts-title" className="font-semibold">
          From the providers
        </h2>
        <Facts artist={artist} />
      </section>
      <section aria-labelledby="jobs-title" className="flex flex-col gap-2">
        <h2 id="jobs-title" className="font-semibold">
          Job history
        </h2>
        <JobHistory artist={artist} />
      </section>
      <section aria-labelledby="videos-title" className="flex flex-col gap-2">
        <h2 id="videos-title" className="font-semibold">
          Videos
        </h2>
        {artist.videos.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No videos yet. Add them on the{" "}
            <Link href="/videos" className="underline">
              videos page
            </Link>
            .
          </p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {artist.videos.map((v) => (
              <li key={v.id}>
                {v.title}
                {v.year ? ` (${v.year})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
