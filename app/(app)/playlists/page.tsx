import type { Metadata } from "next";

import { PlaylistsManager } from "@/components/library/playlists-manager";

export const metadata: Metadata = { title: "Playlists · Roadie" };

export default function PlaylistsPage() {
  return <PlaylistsManager />;
}
