import pino, { type Logger } from "pino";

import { config } from "./config";

/**
 * Lines are written in chunks of up to 4 KB, and at least every 100 ms: a busy runner logs a
 * line per job attempt, and one write system call per line cost it more than the rest of a
 * short job's bookkeeping in node. pino flushes what is left when the process exits, even on
 * an uncaught exception; a process killed with SIGKILL loses its last 100 ms of lines.
 */
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });

/**
 * The one structured logger. Every process logs JSON lines; callers make children that carry
 * their ids (requestId, jobId, type, attempt) instead of gluing them into messages.
 */
export const logger: Logger = pino(
  {
    level: config().LOG_LEVEL,
    base: { service: process.env.ROADIE_SERVICE ?? "web" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "secret", "*.secret", "authorization"],
      censor: "[redacted]",
    },
  },
  destination,
);

export type { Logger };
