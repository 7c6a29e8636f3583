import type { Metadata } from "next";

import { ArtistsBrowser } from "@/components/library/artists-browser";

export const metadata: Metadata = { title: "Artists · Roadie" };

/** The shared library's artists; the layout has already checked the session. */
export default function ArtistsPage() {
  return <ArtistsBrowser />;
}
