"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live events keep job data fresh; refetches come from reconnects and state changes.
        staleTime: 30_000,
        retry: (failures, error) => failures < 2 && !("status" in error && error.status === 404),
      },
    },
  });
}

/** One QueryClient per browser tab, kept across re-renders. */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);

  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
