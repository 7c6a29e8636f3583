// The one place that names job queries: every key and fetcher comes from here.
import {
  infiniteQueryOptions,
  type InfiniteData,
  queryOptions,
  replaceEqualDeep,
} from "@tanstack/react-query";

import type { JobDetail, JobListResponse } from "@/lib/jobs/job-dto";

import { fetchJob, fetchJobs, fetchJobStats, type JobFilters } from "./job-api";
import { preferNewerJobs } from "./job-cache";

const PAGE_SIZE = 25;

/** Query keys, broadest first, so one invalidation can reach a whole family. */
export const jobKeys = {
  all: ["jobs"] as const,
  lists: () => [...jobKeys.all, "list"] as const,
  list: (filters: JobFilters) => [...jobKeys.lists(), filters] as const,
  details: () => [...jobKeys.all, "detail"] as const,
  detail: (id: string) => [...jobKeys.details(), id] as const,
  stats: () => [...jobKeys.all, "stats"] as const,
};

type JobPages = InfiniteData<JobListResponse, string | null>;

function keepNewerPages(previous: unknown, next: unknown): unknown {
  const old = previous as JobPages | undefined;
  const fresh = next as JobPages;
  if (!old?.pages) return fresh;
  const before = old.pages.flatMap((page) => page.items);
  const merged = {
    ...fresh,
    pages: fresh.pages.map((page) => ({ ...page, items: preferNewerJobs(before, page.items) })),
  };

  // Unchanged jobs keep their object identity, so only changed cards re-render.
  return replaceEqualDeep(old, merged);
}

/** The jobs list for a set of filters, newest first, a page at a time. */
export const jobListOptions = (filters: JobFilters) =>
  infiniteQueryOptions({
    queryKey: jobKeys.list(filters),
    queryFn: ({ pageParam }) => fetchJobs(filters, pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    structuralSharing: keepNewerPages,
  });

function keepNewerDetail(previous: unknown, next: unknown): unknown {
  const old = previous as JobDetail | undefined;
  const fresh = next as JobDetail;
  if (!old) return fresh;

  return replaceEqualDeep(old, preferNewerJobs([old], [fresh])[0]);
}

/** One job with its attempts and timeline. */
export const jobDetailOptions = (id: string) =>
  queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: () => fetchJob(id),
    structuralSharing: keepNewerDetail,
  });

/** The header's running and queued counts for the signed-in user. */
export const jobStatsOptions = () =>
  queryOptions({ queryKey: jobKeys.stats(), queryFn: fetchJobStats });
