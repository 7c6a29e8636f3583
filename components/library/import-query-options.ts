// The one place that names import queries.
import { queryOptions } from "@tanstack/react-query";

import { fetchImport } from "./library-client";

export const importKeys = {
  all: ["imports"] as const,
  detail: (id: string) => [...importKeys.all, "detail", id] as const,
};

/** One import's counts, summary and skipped rows. */
export const importDetailOptions = (id: string) =>
  queryOptions({ queryKey: importKeys.detail(id), queryFn: () => fetchImport(id) });
