import Pusher from "pusher";

import { config } from "../config";
import { AppError } from "../http/errors";
import type { Actor } from "./actor";
import { canJoinChannel } from "./policy";

/** pusher-js posts these, form-encoded. */
export interface ChannelAuthRequest {
  socketId: string;
  channel: string;
}

const SOCKET_ID = /^\d+\.\d+$/;

/**
 * Signs a private-channel subscription for Soketi when the policy lets the actor join; 403
 * otherwise. The signature covers socket and channel, so it cannot be reused for another.
 */
export function authorizeChannelFor(
  actor: Actor,
  input: ChannelAuthRequest,
): Pusher.ChannelAuthResponse {
  if (!SOCKET_ID.test(input.socketId)) {
    throw new AppError("validation_failed", "socket_id is not a Pusher socket id.", {
      field: "socket_id",
    });
  }
  if (!canJoinChannel(actor, input.channel)) {
    throw new AppError("forbidden", "You may not subscribe to this channel.");
  }

  return pusherServer().authorizeChannel(input.socketId, input.channel);
}

function pusherServer(): Pusher {
  const cfg = config();
  if (!cfg.PUSHER_APP_ID || !cfg.PUSHER_KEY || !cfg.PUSHER_SECRET) {
    throw new AppError("unavailable", "Live updates are not configured (PUSHER_* is unset).");
  }

  return new Pusher({
    appId: cfg.PUSHER_APP_ID,
    key: cfg.PUSHER_KEY,
    secret: cfg.PUSHER_SECRET,
    host: cfg.PUSHER_HOST,
    port: String(cfg.PUSHER_PORT),
    useTLS: cfg.PUSHER_USE_TLS,
  });
}
