import { setTimeout as sleep } from "node:timers/promises";

import { executeWith, queryWith, type SqlClient } from "../db/sql-client";
import type { ProviderName } from "./provider-error";
import type { ProviderLimit } from "./provider-limits";

/**
 * Installation-wide request pacing, kept in PostgreSQL so that it holds across every worker,
 * process and machine that shares the database.
 *
 * Starts are serialised per provider by two short statements on the provider_pace row:
 * - admit: a compare-and-set UPDATE grants a start only when "nextSlotAt" has passed and no
 *   earlier start is still unconfirmed; it marks the start as unconfirmed ("sendingSince").
 * - confirmSent: once the request has left its process, "nextSlotAt" becomes that moment plus
 *   one interval (and a margin), and the mark is cleared.
 * Nobody books a slot in the future and sleeps towards it, and the next start is measured from
 * when the previous request really went out (a moment at or after the real send), so a late
 * wake-up, a stalled event loop or a busy CPU can only slow requests down, never bunch them.
 * Waiting happens in Node with no lock or connection held.
 */

/**
 * Extra room on every start-to-start gap, for what pacing cannot see: the network and the
 * provider's own clock. Sliding-window limits (MusicBrainz: 10 in 10 s) have no slack for a
 * client pacing at exactly the limit, so it costs a little throughput on purpose (the
 * 200-artist benchmark must stay within 1.05 x the floor).
 */
export const PACE_MARGIN = 0.025;

/** The circuit breaker's share of admission: how long a half-open probe may take. */
export interface AdmitOptions {
  probeMs: number;
  /**
   * How long a granted start may stay unconfirmed (its process died or stalled before
   * sending) before others may start again.
   */
  sendTimeoutMs: number;
}

export type Admission =
  /** Send now, then confirm with `token` once the request has left (confirmSent). */
  | { kind: "granted"; probe: boolean; token: string }
  /** The pace is not there yet: try again in `waitMs`. */
  | { kind: "wait"; waitMs: number }
  /** The circuit refuses calls. */
  | { kind: "refused"; state: string; retryAfterMs: number };

const seededRows = new WeakMap<SqlClient, Set<ProviderName>>();

async function ensureRow(
  db: SqlClient,
  provider: ProviderName,
  limit: ProviderLimit,
): Promise<void> {
  const seeded = seededRows.get(db) ?? new Set<ProviderName>();
  if (seeded.has(provider)) return;

  await executeWith(db)`
    INSERT INTO "provider_pace" ("provider", "intervalMs", "baseIntervalMs")
    VALUES (${provider}, ${limit.intervalMs}::int, ${limit.intervalMs}::int)
    ON CONFLICT ("provider") DO NOTHING`;
  seeded.add(provider);
  seededRows.set(db, seeded);
}

interface AdmitRow {
  granted: boolean;
  probe: boolean;
  token: string | null;
  pending: boolean;
  wait_ms: number;
  state: string;
  circuit_retry_ms: number | null;
}

/**
 * Tries to start one request now. Granted only when the pace allows it (an interval has passed
 * since the previous request actually left, and it did leave; no penalty running) and the
 * circuit lets calls through
 * (closed, or one probe once an open circuit's time is up). After a penalty has expired the pace
 * relaxes by a fifth per request until it is back at the base interval, so recovery is gradual.
 */
export async function admit(
  db: SqlClient,
  provider: ProviderName,
  limit: ProviderLimit,
  options: AdmitOptions,
): Promise<Admission> {
  await ensureRow(db, provider, limit);
  const spacing = 1 + PACE_MARGIN;
  // One statement, autocommitted: the grant is visible to every process the moment it returns.
  // The refusal branch reads the statement's snapshot; if that is older than a grant made by
  // someone else meanwhile, the wait comes out short and the caller just asks again.
  const rows = await queryWith<AdmitRow>(db)`
    WITH granted AS (
      UPDATE "provider_pace" AS p SET
        "intervalMs" = CASE WHEN p."penaltyUntil" > clock_timestamp() THEN p."intervalMs"
          ELSE greatest(${limit.intervalMs}::int, (p."intervalMs" * 0.8)::int) END,
        "baseIntervalMs" = ${limit.intervalMs}::int,
        "nextSlotAt" = clock_timestamp() + ${spacing}::float8 * interval '1 millisecond'
          * CASE WHEN p."penaltyUntil" > clock_timestamp() THEN p."intervalMs"
            ELSE greatest(${limit.intervalMs}::int, (p."intervalMs" * 0.8)::int) END,
        "circuitState" = CASE WHEN p."circuitState" = 'closed' THEN 'closed' ELSE 'half_open' END,
        "probeUntil" = CASE WHEN p."circuitState" = 'closed' THEN NULL
          ELSE clock_timestamp() + ${options.probeMs}::int * interval '1 millisecond' END,
        "sendingSince" = clock_timestamp(),
        "updatedAt" = clock_timestamp()
      WHERE p."provider" = ${provider}
        AND p."nextSlotAt" <= clock_timestamp()
        AND coalesce(p."sendingSince", '-infinity')
          <= clock_timestamp() - ${options.sendTimeoutMs}::int * interval '1 millisecond'
        AND coalesce(p."penaltyUntil", '-infinity') <= clock_timestamp()
        AND (p."circuitState" = 'closed'
          OR (p."circuitState" = 'open' AND p."openUntil" <= clock_timestamp())
          OR (p."circuitState" = 'half_open'
            AND coalesce(p."probeUntil", '-infinity') <= clock_timestamp()))
      RETURNING p."circuitState" = 'half_open' AS probe, p."sendingSince"::text AS token
    )
    SELECT true AS granted, probe, token, false AS pending, 0::float8 AS wait_ms,
      'closed' AS state, NULL::float8 AS circuit_retry_ms
    FROM granted
    UNION ALL
    SELECT false, false, NULL, "sendingSince" IS NOT NULL,
      extract(epoch FROM (greatest("nextSlotAt", coalesce("penaltyUntil", '-infinity'))
        - clock_timestamp()))::float8 * 1000,
      "circuitState",
      CASE WHEN "circuitState" = 'closed'
          OR ("circuitState" = 'open' AND "openUntil" <= clock_timestamp())
          OR ("circuitState" = 'half_open'
            AND coalesce("probeUntil", '-infinity') <= clock_timestamp()) THEN NULL
        ELSE extract(epoch FROM (greatest("openUntil", "probeUntil") - clock_timestamp()))::float8
          * 1000 END
    FROM "provider_pace"
    WHERE "provider" = ${provider} AND NOT EXISTS (SELECT 1 FROM granted)`;

  return toAdmission(rows[0]);
}

function toAdmission(row: AdmitRow | undefined): Admission {
  if (!row) return { kind: "wait", waitMs: 0 };
  if (row.granted) {
    return { kind: "granted", probe: row.probe, token: row.token ?? "" };
  }
  if (row.circuit_retry_ms !== null) {
    return {
      kind: "refused",
      state: row.state,
      retryAfterMs: Math.max(0, Number(row.circuit_retry_ms)),
    };
  }

  // An unconfirmed start usually confirms within a millisecond or two: look again soon.
  const waitMs = Math.max(0, Number(row.wait_ms));

  return { kind: "wait", waitMs: row.pending ? Math.max(2, waitMs) : waitMs };
}

/**
 * Records that the granted request has just left its process (or failed before it could): the
 * next start is due one interval (plus margin) after this moment. The moment is taken on the
 * database clock, so it can only come out late (by the statement's trip to the server), never
 * earlier than the real send.
 */
export async function confirmSent(
  db: SqlClient,
  provider: ProviderName,
  token: string,
): Promise<void> {
  const spacing = 1 + PACE_MARGIN;
  await executeWith(db)`
    UPDATE "provider_pace" SET
      "nextSlotAt" = greatest("nextSlotAt", clock_timestamp()
        + ${spacing}::float8 * "intervalMs" * interval '1 millisecond'),
      "sendingSince" = NULL
    WHERE "provider" = ${provider} AND "sendingSince" = ${token}::timestamptz`;
}

/**
 * Slows the provider down for everybody after a rate-limit answer: no start before the
 * Retry-After has passed, and a doubled interval (up to the limit's maximum) afterwards.
 */
export async function applyPenalty(
  db: SqlClient,
  provider: ProviderName,
  retryAfterMs: number,
  limit: ProviderLimit,
): Promise<void> {
  await executeWith(db)`
    UPDATE "provider_pace" SET
      "penaltyUntil" = greatest(coalesce("penaltyUntil", '-infinity'),
        clock_timestamp() + ${Math.round(retryAfterMs)}::int * interval '1 millisecond'),
      "nextSlotAt" = greatest("nextSlotAt",
        clock_timestamp() + ${Math.round(retryAfterMs)}::int * interval '1 millisecond'),
      "intervalMs" = least(${limit.maxIntervalMs}::int, "intervalMs" * 2),
      "updatedAt" = clock_timestamp()
    WHERE "provider" = ${provider}`;
}

/**
 * Sleeps for `ms`, rejecting at once when the signal aborts. Waking a little early is harmless:
 * the database refuses the start and says how much is left.
 */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) {
    signal?.throwIfAborted();
    return;
  }
  await sleep(Math.ceil(ms), undefined, { signal });
}
