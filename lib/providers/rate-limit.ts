import { setTimeout as sleep } from "node:timers/promises";

import type { Db } from "../db/client";
import type { ProviderName } from "./provider-error";
import type { ProviderLimit } from "./provider-limits";

/**
 * Installation-wide request pacing, kept in PostgreSQL so that it holds across every worker,
 * process and machine that shares the database. Each request reserves the next free slot with
 * one UPDATE (row lock, so reservations are strictly serialised) and sleeps until the slot.
 * Slots are `intervalMs` apart start-to-start, whatever the latency of earlier requests.
 */

/** The circuit breaker's share of admission: how long a half-open probe may take. */
export interface AdmitOptions {
  probeMs: number;
}

export type Admission =
  | { admitted: true; waitMs: number; probe: boolean; penaltyUntilMs: number | null }
  | { admitted: false; state: string; retryAfterMs: number };

const seededRows = new WeakMap<Db, Set<ProviderName>>();

async function ensureRow(db: Db, provider: ProviderName, limit: ProviderLimit): Promise<void> {
  const seeded = seededRows.get(db) ?? new Set<ProviderName>();
  if (seeded.has(provider)) return;

  await db.$executeRaw`
    INSERT INTO "provider_pace" ("provider", "intervalMs", "baseIntervalMs")
    VALUES (${provider}, ${limit.intervalMs}::int, ${limit.intervalMs}::int)
    ON CONFLICT ("provider") DO NOTHING`;
  seeded.add(provider);
  seededRows.set(db, seeded);
}

interface AdmitRow {
  wait_ms: number;
  probe: boolean;
  penalty_until_ms: number | null;
}

/**
 * Reserves the provider's next request slot, unless its circuit is open (or half-open with a
 * probe already out). After a penalty has expired the pace relaxes by a fifth per request until
 * it is back at the base interval, so recovery is gradual.
 */
export async function admit(
  db: Db,
  provider: ProviderName,
  limit: ProviderLimit,
  options: AdmitOptions,
): Promise<Admission> {
  await ensureRow(db, provider, limit);
  const rows = await db.$queryRaw<AdmitRow[]>`
    WITH cur AS (
      SELECT "provider",
        CASE WHEN "penaltyUntil" > clock_timestamp() THEN "intervalMs"
             ELSE greatest(${limit.intervalMs}::int, ("intervalMs" * 0.8)::int) END AS next_interval
      FROM "provider_pace" WHERE "provider" = ${provider} FOR UPDATE
    )
    UPDATE "provider_pace" AS p SET
      "intervalMs" = cur.next_interval,
      "baseIntervalMs" = ${limit.intervalMs}::int,
      "nextSlotAt" = greatest(p."nextSlotAt", clock_timestamp())
        + cur.next_interval * interval '1 millisecond',
      "circuitState" = CASE WHEN p."circuitState" = 'closed' THEN 'closed' ELSE 'half_open' END,
      "probeUntil" = CASE WHEN p."circuitState" = 'closed' THEN NULL
        ELSE greatest(p."nextSlotAt", clock_timestamp()) + ${options.probeMs}::int * interval '1 millisecond' END,
      "updatedAt" = clock_timestamp()
    FROM cur
    WHERE p."provider" = cur."provider"
      AND (p."circuitState" = 'closed'
        OR (p."circuitState" = 'open' AND p."openUntil" <= clock_timestamp())
        OR (p."circuitState" = 'half_open' AND coalesce(p."probeUntil", '-infinity') <= clock_timestamp()))
    RETURNING
      extract(epoch FROM (p."nextSlotAt" - cur.next_interval * interval '1 millisecond'
        - clock_timestamp()))::float8 * 1000 AS wait_ms,
      p."circuitState" = 'half_open' AS probe,
      extract(epoch FROM p."penaltyUntil")::float8 * 1000 AS penalty_until_ms`;
  const row = rows[0];
  if (row) {
    return {
      admitted: true,
      waitMs: Math.max(0, Number(row.wait_ms)),
      probe: row.probe,
      penaltyUntilMs: row.penalty_until_ms === null ? null : Number(row.penalty_until_ms),
    };
  }

  return refusal(db, provider);
}

async function refusal(db: Db, provider: ProviderName): Promise<Admission> {
  const rows = await db.$queryRaw<{ state: string; retry_ms: number | null }[]>`
    SELECT "circuitState" AS state,
      extract(epoch FROM (greatest("openUntil", "probeUntil") - clock_timestamp()))::float8 * 1000
        AS retry_ms
    FROM "provider_pace" WHERE "provider" = ${provider}`;
  const row = rows[0];

  return {
    admitted: false,
    state: row?.state ?? "open",
    retryAfterMs: Math.max(0, Number(row?.retry_ms ?? 0)),
  };
}

/**
 * Slows the provider down for everybody after a rate-limit answer: no slot before the
 * Retry-After has passed, and a doubled interval (up to the limit's maximum) afterwards.
 */
export async function applyPenalty(
  db: Db,
  provider: ProviderName,
  retryAfterMs: number,
  limit: ProviderLimit,
): Promise<void> {
  await db.$executeRaw`
    UPDATE "provider_pace" SET
      "penaltyUntil" = greatest(coalesce("penaltyUntil", '-infinity'),
        clock_timestamp() + ${Math.round(retryAfterMs)}::int * interval '1 millisecond'),
      "nextSlotAt" = greatest("nextSlotAt",
        clock_timestamp() + ${Math.round(retryAfterMs)}::int * interval '1 millisecond'),
      "intervalMs" = least(${limit.maxIntervalMs}::int, "intervalMs" * 2),
      "updatedAt" = clock_timestamp()
    WHERE "provider" = ${provider}`;
}

/** True when a penalty newer than the one seen at admission is still running. */
export async function penaltyStartedSince(
  db: Db,
  provider: ProviderName,
  seenPenaltyUntilMs: number | null,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ until_ms: number | null; now_ms: number }[]>`
    SELECT extract(epoch FROM "penaltyUntil")::float8 * 1000 AS until_ms,
      extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms
    FROM "provider_pace" WHERE "provider" = ${provider}`;
  const until = rows[0]?.until_ms == null ? null : Number(rows[0].until_ms);
  if (until === null || until === seenPenaltyUntilMs) return false;

  return until > Number(rows[0]?.now_ms);
}

/** Sleeps for `ms`, rejecting at once when the signal aborts. */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) {
    signal?.throwIfAborted();
    return;
  }
  // Timers may fire up to a millisecond early; one extra millisecond keeps slots apart.
  await sleep(Math.ceil(ms) + 1, undefined, { signal });
}
