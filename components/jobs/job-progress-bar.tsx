import type { JobStatus } from "@/lib/jobs/status";

const FILL: Partial<Record<JobStatus, string>> = {
  completed: "bg-emerald-500",
  failed: "bg-red-500",
  cancelled: "bg-zinc-400",
  retrying: "bg-amber-500",
};

interface JobProgressBarProps {
  progress: number;
  status: JobStatus;
  /** Names the job for screen readers: "Progress of <label>". */
  label: string;
}

/** The current attempt's progress, 0 to 100, as an accessible progress bar. */
export function JobProgressBar({ progress, status, label }: JobProgressBarProps) {
  const value = Math.round(Math.min(100, Math.max(0, progress)));
  const fill = FILL[status] ?? "bg-indigo-500";

  return (
    <div
      role="progressbar"
      aria-label={`Progress of ${label}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${value}%`}
      className="h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-300 ${fill}`}
        style={{ width: `${value}%` }}
      />
    </div>
  );
}
