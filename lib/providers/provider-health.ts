import { queryWith, type SqlClient } from "../db/sql-client";
import { missingCredentials, type ProvidersConfig } from "./provider-config";
import { PROVIDERS, type ProviderName } from "./provider-error";
import { scaledLimit } from "./provider-limits";

/** What an operator needs to see about one provider, the same from every process. */
export interface ProviderHealth {
  provider: ProviderName;
  /** Circuit state: closed (working), open (calls refused), half_open (one probe allowed). */
  state: "closed" | "open" | "half_open";
  configured: boolean;
  /** Why the provider is not usable or what last went wrong; null when all is well. */
  reason: string | null;
  /** Median latency over the last 5 minutes, null without calls. */
  latencyMs: number | null;
  /** Share of calls that failed over the last 5 minutes (0..1), null without calls. */
  errorRate: number | null;
  requestsLastMinute: number;
  /** Current start-to-start interval between requests (grows after rate-limit answers). */
  paceMs: number;
  /** When an open circuit lets a probe through again. */
  openUntil: Date | null;
}

interface HealthRow {
  provider: string;
  circuitState: string;
  intervalMs: number;
  openUntil: Date | null;
  lastError: string | null;
  p50: number | null;
  error_rate: number | null;
  last_minute: number;
}

/** Health of every provider, read from provider_pace and the rolling provider_call log. */
export async function providerHealth(
  db: SqlClient,
  config: ProvidersConfig,
): Promise<ProviderHealth[]> {
  const rows = await queryWith<HealthRow>(db)`
    SELECT p."provider", p."circuitState", p."intervalMs", p."openUntil", p."lastError",
      recent.p50, recent.error_rate, coalesce(minute.n, 0)::int AS last_minute
    FROM "provider_pace" p
    LEFT JOIN LATERAL (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY c."durationMs")::float8 AS p50,
        (count(*) FILTER (WHERE NOT c."ok"))::float8 / nullif(count(*), 0) AS error_rate
      FROM "provider_call" c
      WHERE c."provider" = p."provider" AND c."startedAt" > now() - interval '5 minutes'
    ) recent ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS n FROM "provider_call" c
      WHERE c."provider" = p."provider" AND c."startedAt" > now() - interval '1 minute'
    ) minute ON true`;
  const byProvider = new Map(rows.map((row) => [row.provider, row]));

  return PROVIDERS.map((provider) => toHealth(provider, byProvider.get(provider), config));
}

function toHealth(
  provider: ProviderName,
  row: HealthRow | undefined,
  config: ProvidersConfig,
): ProviderHealth {
  const missing = missingCredentials(config, provider);
  const state = (row?.circuitState ?? "closed") as ProviderHealth["state"];
  const circuitReason = state === "closed" ? null : (row?.lastError ?? "circuit open");

  return {
    provider,
    state,
    configured: missing === null,
    reason: missing ?? circuitReason,
    latencyMs: row?.p50 == null ? null : Math.round(row.p50),
    errorRate: row?.error_rate == null ? null : Number(row.error_rate),
    requestsLastMinute: row?.last_minute ?? 0,
    paceMs: row?.intervalMs ?? scaledLimit(provider, config.rateScale).intervalMs,
    openUntil: row?.openUntil ?? null,
  };
}
