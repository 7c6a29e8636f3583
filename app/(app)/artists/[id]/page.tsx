import type { Metadata } from "next";

import { ArtistDetailView } from "@/components/library/artist-detail-view";

export const metadata: Metadata = { title: "Artist · Roadie" };

/** One artist: every field with its source, candidates to review, edits and jobs. */
export default async function ArtistPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;

  return <ArtistDetailView id={id} />;
}
