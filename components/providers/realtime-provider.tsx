"use client";

import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from "react";

import { createLiveEventSink } from "@/components/jobs/live-event-sink";
import { toastJobFinished } from "@/components/jobs/job-toasts";
import { jobKeys } from "@/components/jobs/job-query-options";

import {
  acquireRealtime,
  getLiveState,
  type LiveState,
  onJobEvent,
  onLiveStateChange,
  onResync,
  type RealtimeConfig,
} from "./realtime-connection";

/** The signed-in user as the browser needs it for channels and toasts. */
export interface RealtimeActor {
  id: string;
  role: "admin" | "member";
}

const LiveStateContext = createContext<LiveState>("paused");
// While events do not flow, data is refreshed this often instead.
const PAUSED_POLL_MS = 10_000;
const RESYNC_DELAY_MS = 250;

const userChannel = (id: string) => `private-user-${id}`;

function useRealtimeWiring(config: RealtimeConfig | null, actor: RealtimeActor | null) {
  const queryClient = useQueryClient();
  const channels = useMemo(
    () =>
      actor ? [userChannel(actor.id), ...(actor.role === "admin" ? ["private-admin"] : [])] : [],
    [actor],
  );

  useEffect(() => {
    if (!config || channels.length === 0) return;

    return acquireRealtime(config, channels);
  }, [config, channels]);

  useEffect(() => {
    if (!actor) return;
    const sink = createLiveEventSink(queryClient);
    const own = userChannel(actor.id);

    return onJobEvent((event, channel) => {
      sink(event);
      // Admins also hear everyone's jobs on private-admin; only their own jobs toast.
      if (channel === own) toastJobFinished(event);
    });
  }, [actor, queryClient]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = onResync(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      }, RESYNC_DELAY_MS);
    });

    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
}

interface RealtimeProviderProps {
  config: RealtimeConfig | null;
  actor: RealtimeActor | null;
  children: ReactNode;
}

/**
 * Connects the tab to Soketi for the signed-in user (admins also to private-admin), keeps the
 * job queries in step with live events, toasts the user's own finished jobs, and refetches
 * after every reconnect.
 */
export function RealtimeProvider({ config, actor, children }: RealtimeProviderProps) {
  useRealtimeWiring(config, actor);
  const state = useSyncExternalStore(onLiveStateChange, getLiveState, () => "connecting" as const);

  return (
    <LiveStateContext.Provider value={config ? state : "paused"}>
      {children}
    </LiveStateContext.Provider>
  );
}

/** Whether live updates flow right now. */
export const useLiveState = () => useContext(LiveStateContext);

/** A refetch interval for job queries: none while live, a slow poll otherwise. */
export function usePausedPollInterval(): number | false {
  return useLiveState() === "live" ? false : PAUSED_POLL_MS;
}
