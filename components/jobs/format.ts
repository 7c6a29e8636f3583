import type { JobStatus } from "@/lib/jobs/status";

/** "about 2 min left"; null when there is nothing sensible to say. */
export function formatEta(seconds: number | null): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;

  return `about ${Math.round(seconds / 3600)} h left`;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago" for an ISO time, relative to `now`. */
export function formatAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "";
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, "second");
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");

  return relative.format(Math.round(seconds / 86_400), "day");
}

/** A full local date and time for titles and the detail page. */
export const formatDateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "medium" }) : "—";

/** Status names as people read them. */
export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  waiting: "Waiting",
  processing: "Running",
  retrying: "Retrying",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};
