import type { Db } from "../db/client";
import { logger as rootLogger, type Logger } from "../logger";
import { type CircuitOptions, DEFAULT_CIRCUIT, recordCall, releaseProbe } from "./circuit-breaker";
import { countsAsFailure, type ProviderName, ProviderError } from "./provider-error";
import { scaledLimit } from "./provider-limits";
import { admit, applyPenalty, penaltyStartedSince, waitFor } from "./rate-limit";

/** What a gated request returns: its value and the HTTP status, for the call log. */
export interface GatedResult<T> {
  value: T;
  status: number;
}

export interface GateOptions {
  db: Db;
  rateScale: number;
  circuit?: CircuitOptions;
  log?: Logger;
  /** Replays after a rate-limit answer; a longer Retry-After than maxRetryWaitMs is not waited. */
  rateLimitRetries?: number;
  maxRetryWaitMs?: number;
  /** How long a half-open probe may hold the provider (slot wait excluded). */
  probeMs?: number;
}

/** Runs provider requests inside the shared pace and circuit; one per provider and Db. */
export interface ProviderGate {
  readonly provider: ProviderName;
  call<T>(signal: AbortSignal | undefined, send: () => Promise<GatedResult<T>>): Promise<T>;
}

export function createGate(provider: ProviderName, options: GateOptions): ProviderGate {
  const limit = scaledLimit(provider, options.rateScale);
  const circuit = options.circuit ?? DEFAULT_CIRCUIT;
  const log = (options.log ?? rootLogger).child({ provider });
  const retries = options.rateLimitRetries ?? 2;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000 / options.rateScale;
  const probeMs = options.probeMs ?? 60_000;
  const { db } = options;

  /** Waits for a slot of our own; a penalty that starts while we sleep sends us back in line. */
  async function takeSlot(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      const admission = await admit(db, provider, limit, { probeMs });
      if (!admission.admitted) {
        throw new ProviderError(
          provider,
          "unavailable",
          `${provider}: circuit ${admission.state}`,
          {
            retryAfterMs: admission.retryAfterMs,
          },
        );
      }
      try {
        await waitFor(admission.waitMs, signal);
      } catch (err) {
        if (admission.probe) await releaseProbe(db, provider);
        throw err;
      }
      if (!(await penaltyStartedSince(db, provider, admission.penaltyUntilMs))) {
        return admission.probe;
      }
      if (admission.probe) await releaseProbe(db, provider);
    }
  }

  async function call<T>(signal: AbortSignal | undefined, send: () => Promise<GatedResult<T>>) {
    for (let attempt = 0; ; attempt++) {
      await takeSlot(signal);
      const started = performance.now();
      try {
        const result = await send();
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
        await recordFailure(err, durationMs);
        const wait = await slowDownIfLimited(err, attempt);
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
