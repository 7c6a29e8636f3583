import type { ProvidersConfig } from "./provider-config";
import { ProviderError } from "./provider-error";
import type { GatedResult, ProviderGate } from "./provider-gate";
import { type HttpResult, kindForStatus, retryAfterMs, sendRequest } from "./http";
import {
  type SpotifyArtist,
  spotifyArtistSchema,
  spotifyErrorSchema,
  spotifySearchSchema,
  toSpotifyArtist,
} from "./spotify-schema";
import { getToken, invalidateToken } from "./spotify-token";

/** Development-mode apps are refused limit > 10 ("Invalid limit"); page with offset instead. */
export const SPOTIFY_SEARCH_LIMIT = 10;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
/** What a first attempt answered with 401 returns through the gate: replay with a new token. */
const UNAUTHORIZED = Symbol("unauthorized");

export function isSpotifyId(value: string): boolean {
  return SPOTIFY_ID.test(value);
}

export interface SpotifyClient {
  searchArtists(name: string, signal?: AbortSignal): Promise<SpotifyArtist[]>;
  /** The artist, or null when the id no longer exists. */
  getArtist(id: string, signal?: AbortSignal): Promise<SpotifyArtist | null>;
}

export function createSpotifyClient(
  config: ProvidersConfig,
  gate: ProviderGate,
  fetchImpl?: typeof fetch,
): SpotifyClient {
  const { apiBaseUrl, timeoutMs, developmentMode } = config.spotify;

  /**
   * One request; a 401 gets one fresh token and one replay, a second 401 is an auth error.
   * The token is fetched outside the pace (the token endpoint is not rate-limited), and the
   * replay takes a start of its own: two requests in one grant would bunch with the next one.
   */
  async function get(path: string, signal?: AbortSignal): Promise<unknown> {
    const token = await getToken(config, fetchImpl, signal);
    const first = await gate.call(signal, (sent) => attempt(path, token, true, signal, sent));
    if (first !== UNAUTHORIZED) return first;
    invalidateToken(config, token);
    const fresh = await getToken(config, fetchImpl, signal);

    return gate.call(signal, (sent) => attempt(path, fresh, false, signal, sent));
  }

  async function attempt(
    path: string,
    token: string,
    mayReplay: boolean,
    signal: AbortSignal | undefined,
    sent: () => void,
  ): Promise<GatedResult<unknown>> {
    const res = await send(path, token, signal, sent);
    if (res.status === 401 && mayReplay) return { value: UNAUTHORIZED, status: 401 };
    if (res.status === 404) return { value: null, status: 404 };
    if (res.status !== 200) throw spotifyError(res, config.rateScale);

    return { value: res.json, status: res.status };
  }

  function send(
    path: string,
    token: string,
    signal?: AbortSignal,
    onSent?: () => void,
  ): Promise<HttpResult> {
    return sendRequest({
      onSent,
      provider: "spotify",
      url: `${apiBaseUrl}/v1/${path}`,
      headers: {
        Authorization: `Bearer ${token}`,
        "User-Agent": config.userAgent,
        Accept: "application/json",
      },
      timeoutMs,
      signal,
      fetchImpl,
    });
  }

  // Development-mode apps lost followers and popularity in 2026; never show leftovers.
  const shape = (artist: SpotifyArtist): SpotifyArtist =>
    developmentMode ? { ...artist, followers: null, popularity: null } : artist;

  return {
    async searchArtists(name, signal) {
      const q = `artist:"${name.replace(/"/g, " ").trim()}"`;
      const params = new URLSearchParams({
        q,
        type: "artist",
        limit: String(SPOTIFY_SEARCH_LIMIT),
      });
      const body = await get(`search?${params}`, signal);
      if (body === null) return [];

      return spotifySearchSchema.parse(body).artists.items.map(toSpotifyArtist).map(shape);
    },

    async getArtist(id, signal) {
      if (!isSpotifyId(id)) {
        throw new ProviderError("spotify", "bad_request", `spotify: malformed id ${id}`);
      }
      const body = await get(`artists/${id}`, signal);

      return body === null ? null : shape(toSpotifyArtist(spotifyArtistSchema.parse(body)));
    },
  };
}

export function spotifyError(res: HttpResult, rateScale: number): ProviderError {
  const body = spotifyErrorSchema.safeParse(res.json);
  const message = body.success
    ? `${body.data.error.message}${body.data.error.reason ? ` (${body.data.error.reason})` : ""}`
    : "no details";
  const kind = kindForStatus(res.status);

  return new ProviderError("spotify", kind, `spotify ${res.status}: ${message}`, {
    status: res.status,
    retryAfterMs: kind === "rate_limited" ? retryAfterMs(res.headers, rateScale) : undefined,
  });
}
