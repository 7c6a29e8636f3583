import pino, { type Logger } from "pino";

import { config } from "./config";

/**
 * The one structured logger. Every process logs JSON lines; callers make children that carry
 * their ids (requestId, jobId, type, attempt) instead of gluing them into messages.
 */
export const logger: Logger = pino({
  level: config().LOG_LEVEL,
  base: { service: process.env.ROADIE_SERVICE ?? "web" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "authorization"],
    censor: "[redacted]",
  },
});

export type { Logger };
