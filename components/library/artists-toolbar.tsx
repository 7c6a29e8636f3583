"use client";

import {
  ARTIST_SORTS,
  ENRICHMENT_STATUSES,
  type ArtistSort,
  type EnrichmentStatus,
} from "@/lib/library/artist-dto";

import { ENRICHMENT_LABEL } from "./enrichment-status";
import type { ArtistFilters } from "./library-client";
import { buttonClass, inputClass } from "./ui";

const SORT_LABEL: Record<ArtistSort, string> = {
  name: "Name",
  recent: "Recently added",
  enriched: "Recently enriched",
};

export type ArtistView = "grid" | "list";

interface ToolbarProps {
  filters: ArtistFilters;
  search: string;
  onSearch(q: string): void;
  onChange(filters: ArtistFilters): void;
  view: ArtistView;
  onView(view: ArtistView): void;
}

/** Search, status filter, sort and view switch for the artists page. */
export function ArtistsToolbar({
  filters,
  search,
  onSearch,
  onChange,
  view,
  onView,
}: ToolbarProps) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-[minmax(0,1fr)_auto_auto_auto]">
      <label className="col-span-2 sm:col-span-1">
        <span className="sr-only">Search artists</span>
        <input
          type="search"
          className={inputClass}
          placeholder="Search artists"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </label>
      <label className="flex items-center gap-1 text-sm">
        <span className="shrink-0">Filter</span>
        <select
          className={inputClass}
          value={filters.status ?? ""}
          onChange={(e) =>
            onChange({ ...filters, status: (e.target.value || null) as EnrichmentStatus | null })
          }
        >
          <option value="">All</option>
          {ENRICHMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ENRICHMENT_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1 text-sm">
        <span className="shrink-0">Sort</span>
        <select
          className={inputClass}
          value={filters.sort}
          onChange={(e) => onChange({ ...filters, sort: e.target.value as ArtistSort })}
        >
          {ARTIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label="View" className="col-span-2 flex gap-1 sm:col-span-1">
        {(["grid", "list"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            className={`${buttonClass} flex-1 aria-pressed:bg-zinc-200 dark:aria-pressed:bg-zinc-700`}
            onClick={() => onView(v)}
          >
            {v === "grid" ? "Grid" : "List"}
          </button>
        ))}
      </div>
    </div>
  );
}
