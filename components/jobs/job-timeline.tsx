import type { JobAttemptSummary, JobEventSummary } from "@/lib/jobs/job-dto";

import { formatDateTime } from "./format";

const ERROR_TEXT = "mt-1 text-xs break-words whitespace-pre-wrap text-red-700 dark:text-red-400";

/** Every attempt with its outcome and, for a failed one, why. */
export function JobAttempts({ attempts }: { attempts: JobAttemptSummary[] }) {
  if (attempts.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Not run yet.</p>;

  return (
    <ol aria-label="Attempts" className="flex flex-col gap-2">
      {attempts.map((a) => (
        <li
          key={a.attempt}
          className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800"
        >
          <p className="flex flex-wrap gap-x-3">
            <span className="font-medium">Attempt {a.attempt}</span>
            <span>{a.outcome ?? "running"}</span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {formatDateTime(a.startedAt)}
              {a.finishedAt ? ` → ${formatDateTime(a.finishedAt)}` : ""}
            </span>
          </p>
          {a.error ? <pre className={ERROR_TEXT}>{a.error}</pre> : null}
        </li>
      ))}
    </ol>
  );
}

/** The job's lifecycle, oldest first. */
export function JobTimeline({ events }: { events: JobEventSummary[] }) {
  if (events.length === 0)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No events yet.</p>;

  return (
    <ol
      aria-label="Timeline"
      className="flex flex-col border-l border-zinc-300 dark:border-zinc-700"
    >
      {events.map((e) => (
        <li key={`${e.seq}-${e.kind}`} className="relative py-1 pl-4 text-sm">
          <span className="absolute top-2.5 -left-1 size-2 rounded-full bg-zinc-400" aria-hidden />
          <span className="font-medium capitalize">{e.kind}</span>
          <span className="text-zinc-600 dark:text-zinc-400">
            {" "}
            · attempt {e.attempt} · {formatDateTime(e.at)}
          </span>
          {e.message ? (
            <p className="break-words text-zinc-700 dark:text-zinc-300">{e.message}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
