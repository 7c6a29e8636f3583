import type { InfiniteData, QueryClient } from "@tanstack/react-query";

import type { JobDetail, JobEventPayload, JobListResponse } from "@/lib/jobs/job-dto";

import { applyEventToDetail, applyEventToPages } from "./job-cache";
import { jobKeys } from "./job-query-options";

// Lifecycle changes (not progress) may move a job in or out of a filtered list and change the
// header's counts. The first refetch follows quickly; a burst of them costs one a second.
const FIRST_REFETCH_MS = 150;
const MIN_REFETCH_GAP_MS = 1_000;

type Pages = InfiniteData<JobListResponse, string | null>;

/**
 * Folds live job events into the query cache: patches every cached list page and the job's
 * detail in place, and refetches lists and counts (at most once a second) when a job changes
 * state, which may add it to or drop it from a filtered list.
 */
export function createLiveEventSink(queryClient: QueryClient) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRefetch = 0;
  const refetchSoon = () => {
    if (timer) return;
    const wait = Math.max(FIRST_REFETCH_MS, lastRefetch + MIN_REFETCH_GAP_MS - Date.now());
    timer = setTimeout(() => {
      timer = null;
      lastRefetch = Date.now();
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: jobKeys.stats() });
    }, wait);
  };

  return (event: JobEventPayload) => {
    for (const [key, data] of queryClient.getQueriesData<Pages>({ queryKey: jobKeys.lists() })) {
      if (!data) continue;
      const patched = applyEventToPages(data, event);
      if (patched.data !== data) queryClient.setQueryData(key, patched.data);
    }
    const detailKey = jobKeys.detail(event.jobId);
    const detail = queryClient.getQueryData<JobDetail>(detailKey);
    if (detail) {
      const next = applyEventToDetail(detail, event);
      if (next !== detail) queryClient.setQueryData(detailKey, next);
      // The result and the attempt's outcome are not in events: read them once it ends.
      if (next !== detail && event.kind !== "progress") {
        void queryClient.invalidateQueries({ queryKey: detailKey });
      }
    }
    // Progress of a job on no loaded page changes nothing shown (an admin sees every user's).
    if (event.kind !== "progress") refetchSoon();
  };
}
