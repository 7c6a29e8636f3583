import type { ProvidersConfig } from "./provider-config";
import { ProviderError } from "./provider-error";
import type { ProviderGate } from "./provider-gate";
import { type HttpResult, kindForStatus, retryAfterMs, sendRequest } from "./http";
import {
  type MbArtist,
  mbArtistSchema,
  mbErrorSchema,
  type MbSearchResult,
  mbSearchSchema,
  toArtist,
  toSummary,
} from "./musicbrainz-schema";

/** Only what enrichment reads; heavier inc values make prolific artists slow to look up. */
export const LOOKUP_INC = "aliases+genres+tags+url-rels";
const SEARCH_LIMIT = 25;
const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Lucene's specials; "&&" and "||" are covered by escaping every & and |.
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes every Lucene special character so any name is a valid phrase. */
export function escapeLucene(value: string): string {
  return value.replace(LUCENE_SPECIAL, (ch) => `\\${ch}`);
}

/** The search query for a name: the name or an alias, as a phrase. */
export function artistQuery(name: string): string {
  const phrase = escapeLucene(name.trim());

  return `artist:"${phrase}" OR alias:"${phrase}"`;
}

export function isMbid(value: string): boolean {
  return MBID.test(value);
}

export interface MusicBrainzClient {
  searchArtists(name: string, signal?: AbortSignal): Promise<MbSearchResult>;
  /** The artist, or null when MusicBrainz has no such id. The id may differ (merged entities). */
  lookupArtist(mbid: string, signal?: AbortSignal): Promise<MbArtist | null>;
}

export function createMusicBrainzClient(
  config: ProvidersConfig,
  gate: ProviderGate,
  fetchImpl?: typeof fetch,
): MusicBrainzClient {
  const { baseUrl, timeoutMs } = config.musicbrainz;

  async function get(path: string, params: Record<string, string>, signal?: AbortSignal) {
    const url = `${baseUrl}/ws/2/${path}?${new URLSearchParams({ ...params, fmt: "json" })}`;

    return gate.call(signal, async (sent) => {
      const res = await sendRequest({
        onSent: sent,
        provider: "musicbrainz",
        url,
        headers: { "User-Agent": config.userAgent, Accept: "application/json" },
        timeoutMs,
        signal,
        fetchImpl,
      });
      if (res.status === 404) return { value: null, status: 404 };
      if (res.status !== 200) throw mbError(res, config.rateScale);

      return { value: res.json, status: res.status };
    });
  }

  return {
    async searchArtists(name, signal) {
      const body = await get(
        "artist",
        { query: artistQuery(name), limit: String(SEARCH_LIMIT) },
        signal,
      );
      const parsed = mbSearchSchema.parse(body ?? {});

      return { count: parsed.count, artists: parsed.artists.map(toSummary) };
    },

    async lookupArtist(mbid, signal) {
      // A malformed id is our bug, not a question for the server.
      if (!isMbid(mbid)) {
        throw new ProviderError(
          "musicbrainz",
          "bad_request",
          `musicbrainz: malformed MBID ${mbid}`,
        );
      }
      const body = await get(`artist/${mbid.toLowerCase()}`, { inc: LOOKUP_INC }, signal);

      return body === null ? null : toArtist(mbArtistSchema.parse(body));
    },
  };
}

/** MusicBrainz signals rate limiting with 503 (Retry-After optional); bodies may be HTML. */
export function mbError(res: HttpResult, rateScale: number): ProviderError {
  const detail = mbErrorSchema.safeParse(res.json);
  const message = `musicbrainz ${res.status}: ${detail.success ? detail.data.error : "no details"}`;
  const limited = res.status === 503 || res.status === 429;

  return new ProviderError(
    "musicbrainz",
    limited ? "rate_limited" : kindForStatus(res.status),
    message,
    {
      status: res.status,
      retryAfterMs: limited ? retryAfterMs(res.headers, rateScale) : undefined,
    },
  );
}
