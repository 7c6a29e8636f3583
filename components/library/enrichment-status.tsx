import type { EnrichmentStatus } from "@/lib/library/artist-dto";

export const ENRICHMENT_LABEL: Record<EnrichmentStatus, string> = {
  not_enriched: "Not enriched",
  enriched: "Enriched",
  partial: "Partial",
  needs_review: "Needs review",
  not_found: "Not found",
  failed: "Failed",
};

const TONE: Record<EnrichmentStatus, string> = {
  not_enriched: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  enriched: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  partial: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  needs_review: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  not_found: "bg-zinc-100 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/** An artist's enrichment status as a pill; the words carry the meaning, not the colour. */
export function EnrichmentStatusBadge({ status }: { status: EnrichmentStatus }) {
  return (
    <span
      data-status={status}
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status]}`}
    >
      {ENRICHMENT_LABEL[status]}
    </span>
  );
}
