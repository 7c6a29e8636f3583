import type { Metadata } from "next";

import { ImportReport } from "@/components/library/import-report";

export const metadata: Metadata = { title: "Import · Roadie" };

/** One import's live progress and report. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;

  return <ImportReport id={id} />;
}
