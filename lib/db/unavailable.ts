/** SQLSTATEs that mean the server cannot take statements now, not that a statement is wrong. */
const OUTAGE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** Socket errors from a server that is down or restarting. */
const OUTAGE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/** Prisma's codes for an unreachable server, a dropped connection and a pool wait that expired. */
const OUTAGE_PRISMA = new Set(["P1001", "P1002", "P1017", "P2024"]);

const OUTAGE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|is not currently accepting connections|terminating connection due to/i;

/**
 * True when an error (or one it was caused by) says PostgreSQL is unreachable or restarting:
 * the request was fine, the service is not, and the caller should try again shortly.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const { code, message, cause, meta } = err as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (typeof code === "string") {
    if (code.startsWith("08") || OUTAGE_STATES.has(code)) return true;
    if (OUTAGE_ERRNOS.has(code) || OUTAGE_PRISMA.has(code)) return true;
  }
  if (typeof message === "string" && OUTAGE_MESSAGES.test(message)) return true;
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1)))
    return true;

  // Prisma's driver adapter wraps pg's error (P2039) and keeps it under meta.
  if (isDatabaseUnavailable(meta?.driverAdapterError, depth + 1)) return true;

  return isDatabaseUnavailable(cause, depth + 1);
}
