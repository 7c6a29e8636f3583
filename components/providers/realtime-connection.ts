// One pusher-js connection per browser tab, shared by every component. It lives at module
// level, not in a React effect: effects run twice in strict mode and again on every remount,
// and each run would open another socket with its own handlers.
import Pusher, { type Channel } from "pusher-js";

import type { JobEventPayload } from "@/lib/jobs/job-dto";

/** Where the browser reaches Soketi, rendered by the server from its own settings. */
export interface RealtimeConfig {
  key: string;
  /** Null: the page's own host name. */
  host: string | null;
  port: number;
  tls: boolean;
}

/** live: events flow; paused: the socket is down or a channel refused; connecting: neither yet. */
export type LiveState = "connecting" | "live" | "paused";

type JobListener = (event: JobEventPayload, channel: string) => void;

const JOB_EVENT = "job";
const AUTH_ENDPOINT = "/api/realtime/auth";
// Without traffic for this long the client pings; no pong within PONG_TIMEOUT_MS and it
// reconnects. Shorter than Pusher's two minutes so a dead Soketi shows within about 30 s.
const ACTIVITY_TIMEOUT_MS = 20_000;
const PONG_TIMEOUT_MS = 8_000;
// A release followed by an acquire within this time (strict mode, a layout remount) keeps
// the socket instead of closing and reopening it.
const TEARDOWN_DELAY_MS = 2_000;

let client: Pusher | null = null;
let clientConfig = "";
let everConnected = false;
let connectionState = "initialized";
let users = 0;
let teardownTimer: ReturnType<typeof setTimeout> | null = null;
const subscribed = new Map<string, Channel>();
const refusedChannels = new Set<string>();
const jobListeners = new Set<JobListener>();
const resyncListeners = new Set<() => void>();
const stateListeners = new Set<() => void>();
let liveState: LiveState = "connecting";

function updateLiveState() {
  const connected = connectionState === "connected";
  const next: LiveState =
    connected && refusedChannels.size === 0
      ? "live"
      : everConnected || ["unavailable", "failed", "disconnected"].includes(connectionState)
        ? "paused"
        : refusedChannels.size > 0
          ? "paused"
          : "connecting";
  if (next === liveState) return;
  liveState = next;
  for (const listener of stateListeners) listener();
}

function createClient(config: RealtimeConfig): Pusher {
  const pusher = new Pusher(config.key, {
    cluster: "",
    wsHost: config.host ?? window.location.hostname,
    wsPort: config.port,
    wssPort: config.port,
    forceTLS: config.tls,
    enabledTransports: ["ws", "wss"],
    disableStats: true,
    activityTimeout: ACTIVITY_TIMEOUT_MS,
    pongTimeout: PONG_TIMEOUT_MS,
    channelAuthorization: { endpoint: AUTH_ENDPOINT, transport: "ajax" },
  });
  pusher.connection.bind("state_change", ({ current }: { current: string }) => {
    connectionState = current;
    if (current === "connected") everConnected = true;
    updateLiveState();
  });

  return pusher;
}

function subscribe(pusher: Pusher, name: string) {
  const channel = pusher.subscribe(name);
  channel.bind(JOB_EVENT, (event: JobEventPayload) => {
    for (const listener of jobListeners) listener(event, name);
  });
  // Also fires after every reconnect (pusher-js subscribes again): events may have been
  // missed meanwhile, and Soketi replays none, so listeners refetch.
  channel.bind("pusher:subscription_succeeded", () => {
    refusedChannels.delete(name);
    updateLiveState();
    for (const listener of resyncListeners) listener();
  });
  channel.bind("pusher:subscription_error", () => {
    refusedChannels.add(name);
    updateLiveState();
  });
  subscribed.set(name, channel);
}

function syncChannels(pusher: Pusher, wanted: string[]) {
  for (const name of [...subscribed.keys()]) {
    if (wanted.includes(name)) continue;
    // pusher-js may hand the same channel object back on a later subscribe: drop our handlers.
    subscribed.get(name)?.unbind_all();
    pusher.unsubscribe(name);
    subscribed.delete(name);
    refusedChannels.delete(name);
  }
  for (const name of wanted) if (!subscribed.has(name)) subscribe(pusher, name);
}

function teardown() {
  client?.disconnect();
  client = null;
  clientConfig = "";
  subscribed.clear();
  refusedChannels.clear();
  everConnected = false;
  connectionState = "initialized";
  updateLiveState();
}

/**
 * Uses the tab's connection (opening it on first use) with exactly these channels; returns the
 * release function. The socket closes shortly after the last user releases it.
 */
export function acquireRealtime(config: RealtimeConfig, channels: string[]): () => void {
  if (teardownTimer) clearTimeout(teardownTimer);
  teardownTimer = null;
  const key = JSON.stringify(config);
  if (client && clientConfig !== key) teardown();
  if (!client) {
    client = createClient(config);
    clientConfig = key;
  }
  syncChannels(client, channels);
  users += 1;
  let released = false;

  return () => {
    if (released) return;
    released = true;
    users -= 1;
    if (users > 0) return;
    teardownTimer = setTimeout(teardown, TEARDOWN_DELAY_MS);
  };
}

const listen = <T>(set: Set<T>, listener: T) => {
  set.add(listener);

  return () => void set.delete(listener);
};

/** Calls `listener` for every job event on any subscribed channel; returns the unsubscribe. */
export const onJobEvent = (listener: JobListener) => listen(jobListeners, listener);

/** Calls `listener` whenever a channel (re)subscribes, i.e. when events may have been missed. */
export const onResync = (listener: () => void) => listen(resyncListeners, listener);

/** For useSyncExternalStore: subscribe to live-state changes. */
export const onLiveStateChange = (listener: () => void) => listen(stateListeners, listener);

/** The connection's state as the interface shows it. */
export const getLiveState = (): LiveState => liveState;
