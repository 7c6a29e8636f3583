import { createHash, randomBytes } from "node:crypto";

import type { Db } from "../db/client";
import { AppError, notFound } from "../http/errors";
import type { Actor } from "./actor";
import {
  applyAuthChangeHere,
  AUTH_CHANGES_CHANNEL,
  type AuthChange,
  type CachedToken,
  encodeAuthChange,
  type TokenActorCache,
} from "./token-actor-cache";
import { isDisabled, toRole } from "./user-state";

/** Every secret starts with this, so leaked tokens are easy to recognise and to scan for. */
export const TOKEN_PREFIX = "rdt_";
const SECRET_BYTES = 32;
const SECRET_PATTERN = /^rdt_[A-Za-z0-9_-]{43}$/;
/** Characters of the secret kept in clear, enough to tell tokens apart in the list. */
const SHOWN_CHARS = 12;
/** Writing lastUsedAt on every request would turn each read into a write; a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_ACTIVE_TOKENS = 50;

/** What the token list shows; never the secret or its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A new random secret in the token format (256 bits of entropy). */
export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");
}

/** The stored form of a secret: hex SHA-256. A fast hash is enough for 256-bit secrets. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/**
 * Reads `Authorization: Bearer <token>`. Answers the secret when the header holds a well-formed
 * token, null otherwise (absent header, another scheme, or a malformed token).
 */
export function parseBearer(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header.trim());
  const secret = match?.[1];

  return secret && SECRET_PATTERN.test(secret) ? secret : null;
}

/** Creates a named token; the secret is in the answer only, and only this once. */
export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
): Promise<{ token: ApiTokenView; secret: string }> {
  const active = await db.apiToken.count({ where: { userId, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new AppError(
      "conflict",
      `Revoke a token first: at most ${MAX_ACTIVE_TOKENS} may be active.`,
    );
  }

  const secret = generateTokenSecret();
  const row = await db.apiToken.create({
    data: { userId, name, tokenHash: hashToken(secret), prefix: secret.slice(0, SHOWN_CHARS) },
  });

  return { token: toView(row), secret };
}

/** The user's active tokens, newest first. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });

  return rows.map(toView);
}

/** Revokes one of the user's own tokens; another user's token is answered as not found. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<void> {
  // Token ids are UUIDs; anything else names no token (and would make PostgreSQL raise).
  if (!UUID.test(tokenId)) throw notFound("The token");
  const [{ count }] = await db.$transaction([
    db.apiToken.updateMany({
      where: { id: tokenId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    announceAuthChange(db, { tokenId }),
  ]);
  applyAuthChangeHere({ tokenId });
  if (count === 0) throw notFound("The token");
}

/**
 * Tells every process that cached token checks for this token or user are stale. Run it in
 * the transaction that makes the change: PostgreSQL delivers it only if that commits.
 */
export function announceAuthChange(db: Db, change: AuthChange) {
  return db.$executeRaw`SELECT pg_notify(${AUTH_CHANGES_CHANNEL}, ${encodeAuthChange(change)})`;
}

/**
 * The actor behind a bearer secret: null for an unknown or revoked token, or when its owner is
 * disabled. Records the time of use at a one-minute resolution. With a cache, a token used
 * again is answered without reading the database (see TokenActorCache for how it stays true).
 */
export async function actorForToken(
  db: Db,
  secret: string,
  cache?: TokenActorCache,
): Promise<Actor | null> {
  const tokenHash = hashToken(secret);
  const load = () => loadToken(db, tokenHash);
  const found = cache ? await cache.lookup(tokenHash, load) : await load();
  if (!found) return null;

  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    found.lastUsedAt = now;
    await db.apiToken.update({ where: { id: found.tokenId }, data: { lastUsedAt: now } });
  }

  return found.actor;
}

async function loadToken(db: Db, tokenHash: string): Promise<CachedToken | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!row || row.revokedAt || isDisabled(row.user)) return null;
  const { user } = row;

  return {
    tokenId: row.id,
    lastUsedAt: row.lastUsedAt,
    actor: {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: toRole(user.role),
      via: "token",
    },
  };
}

function toView(row: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}
