import { appendFileSync } from "node:fs";

/**
 * Opt-in record of pacing moments, for diagnosing rate-limit findings: set
 * ROADIE_PACING_TRACE to a file and every process appends one JSON line per event. Times are
 * process.hrtime (CLOCK_MONOTONIC on Linux), so lines from the clients and the provider
 * simulator can be laid side by side. Off (and free) when the variable is unset.
 */
const file = process.env.ROADIE_PACING_TRACE;

/** True when tracing is on. */
export const tracing = file !== undefined && file !== "";

/** Monotonic milliseconds shared by every process on the machine. */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Appends one event (synchronously, so the moment it records is not reordered). */
export function trace(event: string, fields: Record<string, unknown>): void {
  if (!tracing) return;
  const line = JSON.stringify({ event, pid: process.pid, t: monoMs(), ...fields });
  appendFileSync(file!, `${line}\n`);
}
