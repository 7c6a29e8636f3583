import type { ProvidersConfig } from "./provider-config";
import { type ProviderErrorKind, ProviderError } from "./provider-error";
import type { ProviderGate } from "./provider-gate";
import { type HttpResult, retryAfterMs, sendRequest } from "./http";
import {
  type LastfmArtist,
  lastfmArtistSchema,
  type LastfmCorrection,
  lastfmCorrectionSchema,
  lastfmErrorSchema,
  toCorrection,
  toLastfmArtist,
} from "./lastfm-schema";

/** Last.fm error codes and what they mean for us (branch on these, never on HTTP status). */
const ERROR_KINDS: Record<number, ProviderErrorKind> = {
  6: "not_found",
  8: "unavailable",
  10: "auth",
  11: "unavailable",
  16: "unavailable",
  26: "auth",
  29: "rate_limited",
};

export type LastfmArtistRef = { mbid: string } | { name: string };

export interface LastfmClient {
  /** By MBID when known, else by name with autocorrect; null when Last.fm has no such artist. */
  getArtistInfo(ref: LastfmArtistRef, signal?: AbortSignal): Promise<LastfmArtist | null>;
  getCorrection(name: string, signal?: AbortSignal): Promise<LastfmCorrection | null>;
}

export function createLastfmClient(
  config: ProvidersConfig,
  gate: ProviderGate,
  fetchImpl?: typeof fetch,
): LastfmClient {
  const { baseUrl, apiKey, timeoutMs } = config.lastfm;

  async function get(params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    if (!apiKey) throw new ProviderError("lastfm", "auth", "lastfm: LASTFM_API_KEY is not set");
    const query = new URLSearchParams({ ...params, api_key: apiKey, format: "json" });
    const url = `${baseUrl}/2.0/?${query}`;

    return gate.call(signal, async (sent) => {
      const res = await sendRequest({
        onSent: sent,
        provider: "lastfm",
        url,
        headers: { "User-Agent": config.userAgent, Accept: "application/json" },
        timeoutMs,
        signal,
        fetchImpl,
      });
      const error = lastfmError(res, config.rateScale);
      if (error?.kind === "not_found") return { value: null, status: res.status };
      if (error) throw error;

      return { value: res.json, status: res.status };
    });
  }

  return {
    async getArtistInfo(ref, signal) {
      const params: Record<string, string> =
        "mbid" in ref
          ? { method: "artist.getinfo", mbid: ref.mbid }
          : { method: "artist.getinfo", artist: ref.name, autocorrect: "1" };
      const body = await get({ ...params, lang: "en" }, signal);

      return body === null ? null : toLastfmArtist(lastfmArtistSchema.parse(body));
    },

    async getCorrection(name, signal) {
      const body = await get({ method: "artist.getcorrection", artist: name }, signal);

      return body === null ? null : toCorrection(lastfmCorrectionSchema.parse(body));
    },
  };
}

/** The error a response carries in its body (or, without a body, in its status); else null. */
export function lastfmError(res: HttpResult, rateScale: number): ProviderError | null {
  const body = lastfmErrorSchema.safeParse(res.json);
  if (body.success) {
    const kind = ERROR_KINDS[body.data.error] ?? "bad_request";
    const retry = kind === "rate_limited" ? retryAfterMs(res.headers, rateScale) : undefined;

    return new ProviderError(
      "lastfm",
      kind,
      `lastfm error ${body.data.error}: ${body.data.message}`,
      {
        status: res.status,
        retryAfterMs: retry,
      },
    );
  }
  if (res.status >= 200 && res.status < 300 && res.json !== null) return null;

  const kind: ProviderErrorKind = res.status === 429 ? "rate_limited" : "unavailable";

  return new ProviderError("lastfm", kind, `lastfm ${res.status}: unreadable answer`, {
    status: res.status,
  });
}
