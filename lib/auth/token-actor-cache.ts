import pg from "pg";

import { logger, type Logger } from "../logger";
import type { Actor } from "./actor";

/** Writers NOTIFY here when a token or a user changes in a way that matters to token checks. */
export const AUTH_CHANGES_CHANNEL = "roadie_auth_changes";

/** What a token check needs again on the next request with the same token. */
export interface CachedToken {
  tokenId: string;
  actor: Actor;
  lastUsedAt: Date | null;
}

/** A change that makes cached token checks stale: one token, or every token of one user. */
export type AuthChange = { tokenId: string } | { userId: string };

export function encodeAuthChange(change: AuthChange): string {
  return "tokenId" in change ? `token:${change.tokenId}` : `user:${change.userId}`;
}

function decodeAuthChange(payload: string | undefined): AuthChange | null {
  const [kind, id] = (payload ?? "").split(":", 2);
  if (!id) return null;
  if (kind === "token") return { tokenId: id };
  if (kind === "user") return { userId: id };

  return null;
}

interface Entry extends CachedToken {
  expiresAt: number;
}

export interface TokenActorCacheOptions {
  /** How long an entry may serve without a database read, even if no change arrives. */
  ttlMs?: number;
  maxEntries?: number;
  log?: Logger;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/**
 * Remembers the actor behind each recently used API token, so that a script calling the API
 * in a loop is not charged a database read per request. Revoking a token, and disabling,
 * demoting or changing a user, NOTIFY every process; each drops what it holds for them.
 *
 * Entries are kept only while this process is LISTENing: a notification missed while the
 * connection was down could leave a revoked token working, so without the connection every
 * check reads the database, and the cache starts empty once it is back. A check that raced a
 * change (read before it, stored after its notification) is not kept, thanks to the generation
 * count. The TTL bounds what any other slip could cost.
 */
export class TokenActorCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly log: Logger;
  private client: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private starting: Promise<void> | null = null;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Bumped by every change received and every loss of the connection. */
  private generation = 0;

  constructor(
    private readonly url: string,
    options: TokenActorCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.log = options.log ?? logger.child({ component: "token-cache" });
  }

  /** True while changes are being received, that is while entries may be kept. */
  get active(): boolean {
    return this.listening;
  }

  /** The cached check for a token hash, or load() once and keep its answer if it may be kept. */
  async lookup(
    tokenHash: string,
    load: () => Promise<CachedToken | null>,
  ): Promise<CachedToken | null> {
    this.ensureListening();
    const hit = this.entries.get(tokenHash);
    if (hit && hit.expiresAt > Date.now() && this.listening) return hit;
    if (hit) this.entries.delete(tokenHash);

    const generation = this.generation;
    const found = await load();
    // Unknown and refused tokens are not kept: they cost a read each, as they did before.
    if (found && this.listening && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(tokenHash, { ...found, expiresAt: Date.now() + this.ttlMs });
    }

    return found;
  }

  /** Applies a change received from any process (this one included). */
  apply(change: AuthChange): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries) {
      const stale =
        "tokenId" in change
          ? entry.tokenId === change.tokenId
          : entry.actor.userId === change.userId;
      if (stale) this.entries.delete(hash);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dropAll();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private ensureListening(): void {
    if (this.listening || this.starting || this.closed || this.reconnectTimer) return;
    this.starting = this.listen().finally(() => {
      this.starting = null;
    });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "roadie-token-cache",
      keepAlive: true,
    });
    client.on("notification", (message) => {
      const change = decodeAuthChange(message.payload);
      if (change) this.apply(change);
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, null));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGES_CHANNEL}`);
      if (this.closed || this.client !== client) return;
      this.listening = true;
      this.reconnectDelayMs = RECONNECT_MIN_MS;
    } catch (err) {
      this.lost(client, err);
    }
  }

  /** The connection is gone: forget everything and try again later. */
  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.dropAll();
    client.end().catch(() => {});
    if (this.closed) return;
    const reason = err instanceof Error ? err.message : "connection ended";
    this.log.warn(
      { reason, retryInMs: this.reconnectDelayMs },
      "token cache off until its LISTEN connection is back",
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.ensureListening();
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
  }

  private dropAll(): void {
    this.listening = false;
    this.generation += 1;
    this.entries.clear();
  }
}

const globalForCache = globalThis as unknown as {
  roadieTokenCache?: { url: string; cache: TokenActorCache };
};

/** The process-wide cache for the database at url (one LISTEN connection per process). */
export function processTokenCache(url: string): TokenActorCache {
  const current = globalForCache.roadieTokenCache;
  if (current?.url === url) return current.cache;
  void current?.cache.close();
  const cache = new TokenActorCache(url);
  globalForCache.roadieTokenCache = { url, cache };

  return cache;
}

/**
 * Applies a change to this process's cache at once, without waiting for its notification to
 * come back: the process that made a change must never answer from what it just changed.
 */
export function applyAuthChangeHere(change: AuthChange): void {
  globalForCache.roadieTokenCache?.cache.apply(change);
}
