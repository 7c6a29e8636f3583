"use client";

import type { ReactNode } from "react";

import { QueryProvider } from "./query-provider";
import type { RealtimeConfig } from "./realtime-connection";
import { type RealtimeActor, RealtimeProvider } from "./realtime-provider";

interface AppProvidersProps {
  realtime: RealtimeConfig | null;
  actor: RealtimeActor | null;
  children: ReactNode;
}

/** Everything client-side the app shares: the query cache and the live connection. */
export function AppProviders({ realtime, actor, children }: AppProvidersProps) {
  return (
    <QueryProvider>
      <RealtimeProvider config={realtime} actor={actor}>
        {children}
      </RealtimeProvider>
    </QueryProvider>
  );
}
