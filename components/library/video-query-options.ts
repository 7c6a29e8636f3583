// The one place that names video queries.
import { infiniteQueryOptions } from "@tanstack/react-query";

import { fetchVideos } from "./library-client";

export const videoKeys = {
  all: ["videos"] as const,
  list: (q: string) => [...videoKeys.all, "list", q] as const,
};

/** Videos, newest first, by title search, a page at a time. */
export const videoListOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: videoKeys.list(q),
    queryFn: ({ pageParam }) => fetchVideos(q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
