import type { Db } from "../db/client";
import { AppError } from "../http/errors";

/** At most `max` hits per fixed window of `windowSeconds`. */
export interface RateRule {
  max: number;
  windowSeconds: number;
}

/** Per-address and per-account rules of one family of endpoints. */
export interface RateLimitSet {
  address: RateRule;
  account?: RateRule;
}

/**
 * Every limit of the accounts area, in one table. Sign-in's account rule counts failed attempts
 * only (see sign-in-limits.ts), so a stranger cannot lock a user out by signing in as them a few
 * times with the right address budget; the address rule counts every attempt.
 */
export const RATE_LIMITS = {
  "sign-in": { address: { max: 30, windowSeconds: 600 }, account: { max: 10, windowSeconds: 900 } },
  tokens: { address: { max: 120, windowSeconds: 600 }, account: { max: 30, windowSeconds: 600 } },
  setup: { address: { max: 10, windowSeconds: 600 } },
  invite: { address: { max: 20, windowSeconds: 600 } },
  demo: { address: { max: 20, windowSeconds: 60 } },
} as const satisfies Record<string, RateLimitSet>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export interface RateDecision {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

interface CounterRow {
  count: number;
  retry_after: number;
}

/**
 * Counts one hit against `key` and says whether it is within the rule. One statement, so
 * concurrent requests in any number of web processes each see a distinct count.
 */
export async function hitRateLimit(db: Db, key: string, rule: RateRule): Promise<RateDecision> {
  const rows = await db.$queryRaw<CounterRow[]>`
    INSERT INTO "rate_limit" ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + make_interval(secs => ${rule.windowSeconds}::int))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rate_limit"."resetAt" <= now() THEN 1 ELSE "rate_limit"."count" + 1 END,
      "resetAt" = CASE WHEN "rate_limit"."resetAt" <= now() THEN EXCLUDED."resetAt"
                       ELSE "rate_limit"."resetAt" END
    RETURNING "count",
      GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("resetAt" - now()))))::int AS retry_after`;
  await maybePrune(db);

  return decide(rows[0], rule);
}

/** Reads a counter without counting: is `key` already at its limit? */
export async function peekRateLimit(db: Db, key: string, rule: RateRule): Promise<RateDecision> {
  const rows = await db.$queryRaw<CounterRow[]>`
    SELECT "count", GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("resetAt" - now()))))::int AS retry_after
      FROM "rate_limit" WHERE "key" = ${key} AND "resetAt" > now()`;
  const row = rows[0];
  if (!row) return { allowed: true, count: 0, retryAfterSeconds: 0 };

  return { allowed: row.count < rule.max, count: row.count, retryAfterSeconds: row.retry_after };
}

/**
 * Applies a named limit set to a request: one hit for its address and, when an account is
 * known, one for the account. Throws 429 with Retry-After when either is over.
 */
export async function enforceRateLimit(
  db: Db,
  name: RateLimitName,
  who: { address: string | null; account?: string | null },
): Promise<void> {
  const set: RateLimitSet = RATE_LIMITS[name];
  const byAddress = await hitRateLimit(db, addressKey(name, who.address), set.address);
  if (!byAddress.allowed) throw tooManyRequests(byAddress.retryAfterSeconds);
  if (!set.account || !who.account) return;

  const byAccount = await hitRateLimit(db, accountKey(name, who.account), set.account);
  if (!byAccount.allowed) throw tooManyRequests(byAccount.retryAfterSeconds);
}

export const addressKey = (name: string, address: string | null) =>
  `${name}:address:${address ?? "unknown"}`;

export const accountKey = (name: string, account: string) =>
  `${name}:account:${account.toLowerCase()}`;

/** The one 429 answer: the error body plus Retry-After in seconds. */
export function tooManyRequests(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));

  return new AppError(
    "rate_limited",
    `Too many attempts. Try again in ${seconds} seconds.`,
    { retryAfterSeconds: seconds },
    { "Retry-After": String(seconds) },
  );
}

function decide(row: CounterRow | undefined, rule: RateRule): RateDecision {
  const count = row?.count ?? 1;

  return {
    allowed: count <= rule.max,
    count,
    retryAfterSeconds: row?.retry_after ?? rule.windowSeconds,
  };
}

// Expired rows are reset in place by the next hit; this only keeps one-off keys from piling up.
async function maybePrune(db: Db): Promise<void> {
  if (Math.random() > 0.01) return;
  await db.$executeRaw`DELETE FROM "rate_limit" WHERE "resetAt" < now() - interval '1 hour'`;
}
