import { AppError } from "../http/errors";
import { parseInput, readJson } from "../http/parse";
import { z } from "zod";

import type { ChannelAuthRequest } from "./channel-auth";

const MAX_FORM_BYTES = 4096;

const formSchema = z.object({
  socket_id: z.string().min(1).max(64),
  channel_name: z.string().min(1).max(200),
});

/** Reads pusher-js's form-encoded body (or the same two fields as JSON). */
export async function readChannelAuthRequest(request: Request): Promise<ChannelAuthRequest> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  let raw: unknown;
  if (type.includes("application/json")) {
    raw = await readJson(request, MAX_FORM_BYTES);
  } else if (type.includes("application/x-www-form-urlencoded")) {
    const text = await request.text();
    if (text.length > MAX_FORM_BYTES)
      throw new AppError("payload_too_large", "The form is too large.");
    raw = Object.fromEntries(new URLSearchParams(text));
  } else {
    throw new AppError("unsupported_media_type", "Send socket_id and channel_name as a form.");
  }
  const form = parseInput(formSchema, raw);

  return { socketId: form.socket_id, channel: form.channel_name };
}
