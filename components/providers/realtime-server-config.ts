import { config } from "@/lib/config";

import type { RealtimeConfig } from "./realtime-connection";

/**
 * Where browsers reach Soketi, read from the environment at request time: keys are generated
 * at first start, so they cannot be inlined into the bundle at build time. Null when the
 * process has no Soketi key (pages then poll instead).
 */
export function realtimeConfigForBrowser(): RealtimeConfig | null {
  const cfg = config();
  if (!cfg.PUSHER_KEY) return null;

  return {
    key: cfg.PUSHER_KEY,
    host: cfg.PUSHER_PUBLIC_HOST ?? null,
    port: cfg.PUSHER_PUBLIC_PORT ?? cfg.PUSHER_PORT,
    tls: cfg.PUSHER_USE_TLS,
  };
}
