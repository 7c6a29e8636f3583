"use client";

import Link from "next/link";
import { toast } from "sonner";

import type { JobEventPayload } from "@/lib/jobs/job-dto";

const shown = new Set<string>();

/** "View job", as toasts show it. */
export function JobLink({ id }: { id: string }) {
  return (
    <Link href={`/jobs/${id}`} className="font-medium underline underline-offset-2">
      View job
    </Link>
  );
}

/** A toast when one of the user's own jobs completes or fails; each event toasts once. */
export function toastJobFinished(event: JobEventPayload): void {
  if (event.kind !== "completed" && event.kind !== "failed") return;
  const id = `${event.jobId}:${event.seq}`;
  if (shown.has(id)) return;
  shown.add(id);
  const name = event.label ? `“${event.label}”` : "Your job";

  if (event.kind === "completed") {
    toast.success(`${name} completed`, { id, description: <JobLink id={event.jobId} /> });

    return;
  }
  const why = event.error ?? event.message ?? "No reason was given.";
  toast.error(`${name} failed`, {
    id,
    duration: 10_000,
    description: (
      <span className="flex flex-col gap-1">
        <span className="line-clamp-3">{why}</span>
        <JobLink id={event.jobId} />
      </span>
    ),
  });
}
