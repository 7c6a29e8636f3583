"use client";

import type { CandidateView } from "@/lib/library/artist-dto";

import { primaryButtonClass } from "./ui";

interface CandidatesProps {
  candidates: CandidateView[];
  picking: boolean;
  onPick(mbid: string): void;
}

const describe = (c: CandidateView) =>
  [
    c.type,
    c.country,
    c.beginDate ? `from ${c.beginDate}` : null,
    c.score !== null ? `score ${c.score}` : null,
  ]
    .filter(Boolean)
    .join(" · ");

/** The MusicBrainz artists enrichment could not choose between; a person picks one. */
export function ArtistCandidates({ candidates, picking, onPick }: CandidatesProps) {
  return (
    <section
      aria-labelledby="candidates-title"
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950"
    >
      <h2 id="candidates-title" className="font-semibold">
        Which artist is this?
      </h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        MusicBrainz has several artists by this name and nothing told them apart. Pick the right
        one; it is remembered, and enrichment runs again with it.
      </p>
      <ul className="mt-2 flex flex-col gap-2">
        {candidates.map((c) => (
          <li
            key={c.mbid}
            className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-white p-2 dark:bg-zinc-900"
          >
            <div className="min-w-0">
              <p className="font-medium break-words">
                {c.name}
                {c.disambiguation ? (
                  <span className="font-normal text-zinc-600"> ({c.disambiguation})</span>
                ) : null}
              </p>
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{describe(c)}</p>
            </div>
            <button
              type="button"
              className={primaryButtonClass}
              disabled={picking}
              onClick={() => onPick(c.mbid)}
              aria-label={`Pick ${c.name}${c.disambiguation ? ` (${c.disambiguation})` : ""}`}
            >
              Pick this artist
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
