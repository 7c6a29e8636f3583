"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";

import { jobKeys } from "@/components/jobs/job-query-options";

import { artistKeys } from "./artist-query-options";
import { enrichArtists, enrichMissing } from "./library-client";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "Enrich selected" and "Enrich now": one job per artist, live ones reused. */
export function useEnrichArtists() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: ({ ids, force }: { ids: string[]; force?: boolean }) => enrichArtists(ids, force),
    onSuccess: ({ jobs }) => {
      const reused = jobs.filter((j) => j.deduplicated).length;
      const started = jobs.length - reused;
      toast.success(`Enrichment queued for ${plural(started, "artist")}`, {
        description: reused ? `${plural(reused, "artist")} already had a job running.` : undefined,
      });
    },
    onError: (error) => toast.error("Could not start enrichment", { description: error.message }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      void queryClient.invalidateQueries({ queryKey: artistKeys.all });
    },
  });
}

/** "Enrich all missing": every artist never enriched, failed or partial. */
export function useEnrichMissing() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: enrichMissing,
    onSuccess: ({ enqueued, alreadyQueued }) => {
      if (enqueued === 0 && alreadyQueued === 0) {
        toast.info("Every artist is enriched already.");
        return;
      }
      toast.success(`Enrichment queued for ${plural(enqueued, "artist")}`, {
        description: alreadyQueued ? `${alreadyQueued} were already queued.` : undefined,
      });
    },
    onError: (error) => toast.error("Could not start enrichment", { description: error.message }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
