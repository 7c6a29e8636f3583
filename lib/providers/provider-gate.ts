import type { SqlClient } from "../db/sql-client";
import { logger as rootLogger, type Logger } from "../logger";
import { type CircuitOptions, DEFAULT_CIRCUIT, recordCall } from "./circuit-breaker";
import { countsAsFailure, type ProviderName, ProviderError } from "./provider-error";
import { scaledLimit } from "./provider-limits";
import { trace } from "./pacing-trace";
import { admit, applyPenalty, confirmSent, PACE_MARGIN, waitFor } from "./rate-limit";
import { startLane } from "./start-lane";

/** What a gated request returns: its value and the HTTP status, for the call log. */
export interface GatedResult<T> {
  value: T;
  status: number;
}

export interface GateOptions {
  db: SqlClient;
  rateScale: number;
  circuit?: CircuitOptions;
  log?: Logger;
  /** Replays after a rate-limit answer; a longer Retry-After than maxRetryWaitMs is not waited. */
  rateLimitRetries?: number;
  maxRetryWaitMs?: number;
  /** How long a half-open probe may hold the provider (slot wait excluded). */
  probeMs?: number;
  /**
   * How long others wait for a granted start whose send is never confirmed (crash, stall).
   * Not divided by the rate scale: it must outlast any stall between a grant and its send,
   * or a stalled process sends after the next one has started. A dead process costs others
   * this long once, which is cheap next to a second request in one slot.
   */
  sendTimeoutMs?: number;
}

/** Runs provider requests inside the shared pace and circuit; one per provider and SqlClient. */
export interface ProviderGate {
  readonly provider: ProviderName;
  call<T>(signal: AbortSignal | undefined, send: SendFn<T>): Promise<T>;
}

/**
 * Sends the request. `sent` must be called once the request has left the process (sendRequest's
 * onSent); the gate calls it anyway when the send settles, which is late but never early.
 */
export type SendFn<T> = (sent: () => void) => Promise<GatedResult<T>>;

/** Default GateOptions.sendTimeoutMs: seconds, whatever the rate scale. */
export const SEND_TIMEOUT_MS = 5_000;

export function createGate(provider: ProviderName, options: GateOptions): ProviderGate {
  const limit = scaledLimit(provider, options.rateScale);
  const circuit = options.circuit ?? DEFAULT_CIRCUIT;
  const log = (options.log ?? rootLogger).child({ provider });
  const retries = options.rateLimitRetries ?? 2;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000 / options.rateScale;
  const probeMs = options.probeMs ?? 60_000;
  const sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const { db } = options;

  const lane = startLane(db, provider);

  interface Slot {
    probe: boolean;
    /** Confirms the send (at most once) and lets this process's next caller in. */
    sent(): void;
    settled(): Promise<void>;
  }

  /**
   * Waits for a start of our own: first behind this process's other callers (in memory), then
   * for the shared pace in PostgreSQL. The lane stays ours until the send is confirmed, so one
   * process never has two unconfirmed starts.
   */
  async function takeSlot(signal?: AbortSignal): Promise<Slot> {
    const leave = await lane.enter(signal);
    try {
      await waitFor(lane.notBefore - performance.now(), signal);
      for (;;) {
        const admission = await admit(db, provider, limit, { probeMs, sendTimeoutMs });
        if (admission.kind === "granted") {
          trace("granted", { provider, token: admission.token });
          return slotFor(admission, leave);
        }
        if (admission.kind === "refused") {
          throw new ProviderError(
            provider,
            "unavailable",
            `${provider}: circuit ${admission.state}`,
            {
              retryAfterMs: admission.retryAfterMs,
            },
          );
        }
        await waitFor(admission.waitMs, signal);
      }
    } catch (err) {
      leave();
      throw err;
    }
  }

  function slotFor(admission: { probe: boolean; token: string }, leave: () => void): Slot {
    let confirming: Promise<void> | null = null;
    const sent = () => {
      if (confirming) return;
      // This process's next start is due one paced interval after the send; the database (which
      // every process asks) measures from the same moment, a fraction of a millisecond later.
      lane.notBefore = performance.now() + limit.intervalMs * (1 + PACE_MARGIN);
      confirming = confirmSent(db, provider, admission.token)
        .then(() => trace("confirmed", { provider, token: admission.token }))
        .catch((err: unknown) => {
          // The start stays marked until sendTimeoutMs; everybody waits that long, nobody bunches.
          log.error({ err }, "could not confirm a provider request");
        })
        .finally(leave);
    };
    const settled = async () => {
      sent();
      await confirming;
    };

    return { probe: admission.probe, sent, settled };
  }

  async function call<T>(signal: AbortSignal | undefined, send: SendFn<T>) {
    for (let attempt = 0; ; attempt++) {
      const slot = await takeSlot(signal);
      const started = performance.now();
      try {
        const result = await send(slot.sent).finally(slot.settled);
        const durationMs = performance.now() - started;
        await recordCall(
          db,
          provider,
          { outcome: "ok", durationMs, status: result.status },
          circuit,
        );
        log.debug({ durationMs: Math.round(durationMs), status: result.status }, "provider call");

        return result.value;
      } catch (err) {
        const durationMs = performance.now() - started;
        // The penalty first: until it is in the database others may still be granted starts
        // that land inside the provider's Retry-After.
        const wait = await slowDownIfLimited(err, attempt);
        await recordFailure(err, durationMs);
        if (wait === null || attempt >= retries || wait > maxRetryWaitMs) throw err;
      }
    }
  }

  async function recordFailure(err: unknown, durationMs: number): Promise<void> {
    const aborted = signalAbort(err);
    const outcome = aborted ? "neutral" : classify(err);
    const status = err instanceof ProviderError ? err.status : undefined;
    await recordCall(db, provider, { outcome, durationMs, status, error: err }, circuit);
    if (!aborted && outcome !== "ok") {
      log.warn({ durationMs: Math.round(durationMs), status, err }, "provider call failed");
    }
  }

  /** On a rate-limit answer: slow everyone down; returns the wait, or null for other errors. */
  async function slowDownIfLimited(err: unknown, attempt: number): Promise<number | null> {
    if (!(err instanceof ProviderError) || err.kind !== "rate_limited") return null;

    // No Retry-After (Last.fm never sends one): back off from a second, doubling per attempt.
    const wait =
      err.retryAfterMs ?? Math.max(1000 / options.rateScale, limit.intervalMs * 2) * 2 ** attempt;
    await applyPenalty(db, provider, wait, limit);

    return wait;
  }

  return { provider, call };
}

function classify(err: unknown): "ok" | "failure" | "neutral" {
  if (err instanceof ProviderError && err.kind === "rate_limited") return "neutral";

  return countsAsFailure(err) ? "failure" : "ok";
}

function signalAbort(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === "AbortError" || err.name === "TimeoutError") &&
    !(err instanceof ProviderError)
  );
}
