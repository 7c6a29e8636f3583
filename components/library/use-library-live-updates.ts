"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { onJobEvent } from "@/components/providers/realtime-connection";

import { artistKeys } from "./artist-query-options";
import { importKeys } from "./import-query-options";

const ENDED = new Set(["completed", "failed", "cancelled"]);
// Imports finish hundreds of enrichments in a burst: one refetch per burst is enough.
const REFETCH_DELAY_MS = 500;

/**
 * Keeps artist data in step with jobs: when an enrichment ends, the artist's detail and the
 * lists are refetched (the shell already patches the job queries themselves); when an import
 * moves, its report is. Mount once per library page.
 */
export function useLibraryLiveUpdates(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refetchLists = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: artistKeys.lists() });
      }, REFETCH_DELAY_MS);
    };
    const unsubscribe = onJobEvent((event) => {
      if (
        event.type === "metadata_enrichment" &&
        (ENDED.has(event.kind) || event.kind === "started")
      ) {
        void queryClient.invalidateQueries({ queryKey: artistKeys.details() });
        refetchLists();
      }
      if (event.type === "bulk_artist_import" && event.kind !== "progress") {
        void queryClient.invalidateQueries({ queryKey: importKeys.all });
        refetchLists();
      }
    });

    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
}
