import type { ProvidersConfig } from "./provider-config";
import { ProviderError } from "./provider-error";
import { sendRequest } from "./http";
import { spotifyTokenErrorSchema, spotifyTokenSchema } from "./spotify-schema";

/** Renew this long before Spotify says the token expires. */
const RENEW_BEFORE_MS = 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

// Process-wide: every job in this process shares one client-credentials token per app.
const tokens = new Map<string, CachedToken>();
const pending = new Map<string, Promise<CachedToken>>();

const cacheKey = (config: ProvidersConfig) =>
  `${config.spotify.accountsBaseUrl}|${config.spotify.clientId ?? ""}`;

/** A valid access token; concurrent callers share one renewal (single flight). */
export async function getToken(
  config: ProvidersConfig,
  fetchImpl?: typeof fetch,
  signal?: AbortSignal,
): Promise<string> {
  const key = cacheKey(config);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt - RENEW_BEFORE_MS > Date.now()) return cached.value;

  let renewal = pending.get(key);
  if (!renewal) {
    renewal = requestToken(config, fetchImpl).finally(() => pending.delete(key));
    pending.set(key, renewal);
  }
  const token = await raceAbort(renewal, signal);
  tokens.set(key, token);

  return token.value;
}

/**
 * Drops the cached token after a 401 so the next caller fetches a new one; only if it is still
 * the token that failed, so parallel 401s do not throw away a renewal that already happened.
 */
export function invalidateToken(config: ProvidersConfig, failed: string): void {
  const key = cacheKey(config);
  if (tokens.get(key)?.value === failed) tokens.delete(key);
}

async function requestToken(
  config: ProvidersConfig,
  fetchImpl?: typeof fetch,
): Promise<CachedToken> {
  const { clientId, clientSecret, accountsBaseUrl, timeoutMs } = config.spotify;
  if (!clientId || !clientSecret) {
    throw new ProviderError("spotify", "auth", "spotify: SPOTIFY_CLIENT_ID/SECRET are not set");
  }
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  const res = await sendRequest({
    provider: "spotify",
    url: `${accountsBaseUrl}/api/token`,
    method: "POST",
    headers: {
      Authorization: `Basic ${basic}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": config.userAgent,
    },
    body: "grant_type=client_credentials",
    timeoutMs,
    fetchImpl,
  });
  const ok = spotifyTokenSchema.safeParse(res.json);
  if (res.status === 200 && ok.success) {
    return { value: ok.data.access_token, expiresAt: Date.now() + ok.data.expires_in * 1000 };
  }

  throw tokenError(res.status, res.json);
}

function tokenError(status: number, json: unknown): ProviderError {
  const body = spotifyTokenErrorSchema.safeParse(json);
  const detail = body.success ? (body.data.error_description ?? body.data.error) : "no details";
  const kind =
    status === 400 || status === 401 ? "auth" : status === 429 ? "rate_limited" : "unavailable";

  return new ProviderError("spotify", kind, `spotify token ${status}: ${detail}`, { status });
}

/** Lets one caller stop waiting for a shared renewal without cancelling it for the others. */
function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();

  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
