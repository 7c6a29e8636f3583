import type { Metadata } from "next";

import { VideosManager } from "@/components/library/videos-manager";

export const metadata: Metadata = { title: "Videos · Roadie" };

export default function VideosPage() {
  return <VideosManager />;
}
