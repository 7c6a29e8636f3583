import { executeWith, type SqlClient } from "../db/sql-client";
import { type ProviderName, ProviderError } from "./provider-error";

/**
 * A circuit breaker per provider whose state lives in provider_pace, beside the pace.
 *
 * Why not opossum: its state sits in one process's memory, while Roadie runs any number of
 * runners and the web process shows health. Here every process sees the same state, a single
 * process probes a half-open provider at a time, and admission (pace + circuit) stays one UPDATE.
 */
export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one probe is let through. */
  openMs: number;
  /** How long a settings problem (bad key) keeps the circuit open. */
  authOpenMs: number;
}

export const DEFAULT_CIRCUIT: CircuitOptions = {
  failureThreshold: 5,
  openMs: 30_000,
  authOpenMs: 10 * 60_000,
};

/** ok: an answer (data or a definite "no"); failure: the provider is unwell; neutral: neither. */
export type CallOutcome = "ok" | "failure" | "neutral";

export interface CallRecord {
  outcome: CallOutcome;
  durationMs: number;
  status?: number;
  error?: unknown;
}

const PRUNE_EVERY_CALLS = 200;
let callsSincePrune = 0;

function errorKind(error: unknown): string | null {
  if (error === undefined) return null;

  return error instanceof ProviderError ? error.kind : "unknown";
}

/**
 * Logs the call for health figures and moves the circuit: success closes it, a failure counts
 * towards opening (a failed half-open probe or an auth error opens it at once).
 */
export async function recordCall(
  db: SqlClient,
  provider: ProviderName,
  call: CallRecord,
  options: CircuitOptions = DEFAULT_CIRCUIT,
): Promise<void> {
  const kind = errorKind(call.error);
  const isAuth = kind === "auth";
  const openMs = isAuth ? options.authOpenMs : options.openMs;
  const message = call.error instanceof Error ? call.error.message.slice(0, 500) : null;

  await executeWith(db)`
    WITH logged AS (
      INSERT INTO "provider_call" ("provider", "durationMs", "ok", "status", "errorKind")
      VALUES (${provider}, ${Math.round(call.durationMs)}::int, ${call.outcome === "ok"}, ${call.status ?? null}::int, ${kind})
    )
    UPDATE "provider_pace" SET
      "consecutiveFailures" = CASE ${call.outcome}
        WHEN 'ok' THEN 0 WHEN 'failure' THEN "consecutiveFailures" + 1 ELSE "consecutiveFailures" END,
      "circuitState" = CASE
        WHEN ${call.outcome} = 'ok' THEN 'closed'
        WHEN ${call.outcome} = 'failure' AND ("circuitState" = 'half_open' OR ${isAuth}
          OR "consecutiveFailures" + 1 >= ${options.failureThreshold}::int) THEN 'open'
        ELSE "circuitState" END,
      "openUntil" = CASE
        WHEN ${call.outcome} = 'ok' THEN NULL
        WHEN ${call.outcome} = 'failure' AND ("circuitState" = 'half_open' OR ${isAuth}
          OR "consecutiveFailures" + 1 >= ${options.failureThreshold}::int)
          THEN clock_timestamp() + ${openMs}::int * interval '1 millisecond'
        ELSE "openUntil" END,
      "probeUntil" = NULL,
      "lastError" = CASE WHEN ${call.outcome} = 'ok' THEN NULL ELSE coalesce(${message}, "lastError") END,
      "updatedAt" = clock_timestamp()
    WHERE "provider" = ${provider}`;
  await maybePrune(db);
}

/** Hands a half-open probe back unused (the caller gave up before sending). */
export async function releaseProbe(db: SqlClient, provider: ProviderName): Promise<void> {
  await executeWith(db)`
    UPDATE "provider_pace" SET "probeUntil" = NULL
    WHERE "provider" = ${provider} AND "circuitState" = 'half_open'`;
}

// The call log only feeds health figures over the last minutes; an hour is plenty.
async function maybePrune(db: SqlClient): Promise<void> {
  callsSincePrune += 1;
  if (callsSincePrune < PRUNE_EVERY_CALLS) return;

  callsSincePrune = 0;
  await executeWith(db)`
    DELETE FROM "provider_call" WHERE "startedAt" < clock_timestamp() - interval '1 hour'`;
}
