"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { ArtistRow, ArtistTile } from "./artist-items";
import { artistListOptions } from "./artist-query-options";
import { ArtistsToolbar, type ArtistView } from "./artists-toolbar";
import { ImportDialog } from "./import-dialog";
import type { ArtistFilters } from "./library-client";
import { EmptyState, LoadError, LoadingRows, buttonClass, primaryButtonClass } from "./ui";
import { useEnrichArtists, useEnrichMissing } from "./use-enrich-actions";
import { useLibraryLiveUpdates } from "./use-library-live-updates";

const SEARCH_DELAY_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);

  return settled;
}

/** Loads the next page when the sentinel scrolls into view (a button does the same). */
function useAutoLoad(load: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node || !enabled) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) load();
      },
      { rootMargin: "600px" },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [load, enabled]);

  return ref;
}

/**
 * The artists page: search, filter, sort, grid or list, select many and enrich them, enrich
 * everything missing, import. Pages of 60 load as the user scrolls, so 10,000 artists cost
 * no more than the pages looked at.
 */
export function ArtistsBrowser() {
  useLibraryLiveUpdates();
  const [search, setSearch] = useState("");
  const [filters, setFilters] = useState<Omit<ArtistFilters, "q">>({ status: null, sort: "name" });
  const [view, setView] = useState<ArtistView>("grid");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [importing, setImporting] = useState(false);
  const q = useDebounced(search, SEARCH_DELAY_MS);
  const query = useInfiniteQuery(artistListOptions({ ...filters, q }));
  const enrich = useEnrichArtists();
  const enrichMissing = useEnrichMissing();
  const artists = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  const loadMore = () =>
    void (query.hasNextPage && !query.isFetchingNextPage && query.fetchNextPage());
  const sentinel = useAutoLoad(loadMore, Boolean(query.hasNextPage));
  const filtered = Boolean(q || filters.status);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Artists</h1>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass}
            disabled={enrichMissing.isPending}
            onClick={() => enrichMissing.mutate()}
          >
            Enrich all missing
          </button>
          <button type="button" className={primaryButtonClass} onClick={() => setImporting(true)}>
            Import artists
          </button>
        </div>
      </div>
      <ArtistsToolbar
        filters={{ ...filters, q: search }}
        search={search}
        onSearch={setSearch}
        onChange={({ status, sort }) => setFilters({ status, sort })}
        view={view}
        onView={setView}
      />
      {selected.size > 0 ? (
        <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 p-2 text-sm dark:bg-indigo-950">
          <span>{selected.size} selected</span>
          <button
            type="button"
            className={primaryButtonClass}
            disabled={enrich.isPending}
            onClick={() =>
              enrich.mutate({ ids: [...selected] }, { onSuccess: () => setSelected(new Set()) })
            }
          >
            Enrich selected
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => setSelected(new Set(artists.map((a) => a.id)))}
          >
            Select all shown
          </button>
          <button type="button" className={buttonClass} onClick={() => setSelected(new Set())}>
            Clear
          </button>
        </div>
      ) : null}
      {query.isPending ? <LoadingRows label="Loading artists" /> : null}
      {query.isError ? <LoadError error={query.error} retry={() => void query.refetch()} /> : null}
      {query.isSuccess && artists.length === 0 ? (
        filtered ? (
          <EmptyState title="No artists match">
            <p>Try another search or filter.</p>
          </EmptyState>
        ) : (
          <EmptyState title="Your library has no artists yet">
            <p>
              Start by importing the artists you have videos of: paste names, or upload a CSV or
              JSON file.
            </p>
            <button type="button" className={primaryButtonClass} onClick={() => setImporting(true)}>
              Import artists
            </button>
          </EmptyState>
        )
      ) : null}
      {artists.length > 0 ? (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {total.toLocaleString()} artist{total === 1 ? "" : "s"}
          </p>
          {view === "grid" ? (
            <ul
              aria-label="Artists"
              className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5"
            >
              {artists.map((a) => (
                <ArtistTile key={a.id} artist={a} selected={selected.has(a.id)} onToggle={toggle} />
              ))}
            </ul>
          ) : (
            <ul aria-label="Artists" className="flex flex-col">
              {artists.map((a) => (
                <ArtistRow key={a.id} artist={a} selected={selected.has(a.id)} onToggle={toggle} />
              ))}
            </ul>
          )}
          <div ref={sentinel} />
          {query.hasNextPage ? (
            <button
              type="button"
              className={buttonClass}
              disabled={query.isFetchingNextPage}
              onClick={loadMore}
            >
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          ) : null}
        </>
      ) : null}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
}
