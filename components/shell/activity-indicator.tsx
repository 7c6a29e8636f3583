"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { jobStatsOptions } from "@/components/jobs/job-query-options";
import { useLiveState, usePausedPollInterval } from "@/components/providers/realtime-provider";

/** "Live updates paused" while the socket is down: the page then refreshes every few seconds. */
function LiveNotice() {
  const state = useLiveState();
  if (state !== "paused") return null;

  return (
    <span
      role="status"
      title="The live connection is down; the page refreshes every 10 seconds until it is back."
      className={[
        "rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium",
        "text-amber-900 dark:bg-amber-950 dark:text-amber-200",
      ].join(" ")}
    >
      Live updates paused
    </span>
  );
}

/** The signed-in user's running and queued jobs, kept current by live events. */
export function ActivityIndicator() {
  const pollInterval = usePausedPollInterval();
  const stats = useQuery({ ...jobStatsOptions(), refetchInterval: pollInterval });
  const running = stats.data?.running ?? 0;
  const queued = stats.data?.queued ?? 0;
  const busy = running + queued > 0;

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <Link
        href="/jobs"
        aria-label={`Background jobs: ${running} running, ${queued} queued`}
        className={[
          "flex items-center gap-1.5 rounded-full border border-zinc-300 px-2",
          "py-0.5 text-xs dark:border-zinc-700",
        ].join(" ")}
      >
        <span
          aria-hidden
          className={`size-2 rounded-full ${busy ? "animate-pulse bg-sky-500" : "bg-zinc-400"}`}
        />
        <span>{running} running</span>
        <span className="text-zinc-500">·</span>
        <span>{queued} queued</span>
      </Link>
      <LiveNotice />
    </div>
  );
}
