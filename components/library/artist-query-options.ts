// The one place that names artist queries: every key and fetcher comes from here.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";

import { type ArtistFilters, fetchArtist, fetchArtists } from "./library-client";

export const artistKeys = {
  all: ["artists"] as const,
  lists: () => [...artistKeys.all, "list"] as const,
  list: (filters: ArtistFilters) => [...artistKeys.lists(), filters] as const,
  details: () => [...artistKeys.all, "detail"] as const,
  detail: (id: string) => [...artistKeys.details(), id] as const,
};

/** Artists for a search, filter and sort, a page at a time (keyset cursor). */
export const artistListOptions = (filters: ArtistFilters) =>
  infiniteQueryOptions({
    queryKey: artistKeys.list(filters),
    queryFn: ({ pageParam }) => fetchArtists(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 10_000,
  });

/** One artist with sources, candidates, videos and job history. */
export const artistDetailOptions = (id: string) =>
  queryOptions({ queryKey: artistKeys.detail(id), queryFn: () => fetchArtist(id) });
