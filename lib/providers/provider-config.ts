import { z } from "zod";

import packageJson from "../../package.json" with { type: "json" };

/**
 * MusicBrainz asks every client for a way to reach its operator, and only the operator knows
 * it. Unset, the User-Agent still names Roadie and its version and says plainly that no
 * contact was given; the README asks operators to set ROADIE_CONTACT before using the real
 * service. Enough for the simulator and for light use; MusicBrainz may throttle such clients.
 */
const DEFAULT_CONTACT = "no contact configured";

/** Everything the provider clients need; built from the environment in one place. */
export interface ProvidersConfig {
  /** Sent in every User-Agent: `Roadie/<version> ( <contact> )`. */
  userAgent: string;
  /** Every rate-limit duration and Retry-After is divided by this (tests, benchmarks). */
  rateScale: number;
  musicbrainz: { baseUrl: string; timeoutMs: number };
  lastfm: { baseUrl: string; apiKey?: string; timeoutMs: number };
  spotify: {
    apiBaseUrl: string;
    accountsBaseUrl: string;
    clientId?: string;
    clientSecret?: string;
    /** Apps in Spotify development mode get no followers/popularity and search limit <= 10. */
    developmentMode: boolean;
    timeoutMs: number;
  };
}

const envSchema = z.object({
  ROADIE_CONTACT: z.string().min(1).default(DEFAULT_CONTACT),
  MUSICBRAINZ_BASE_URL: z.url().default("https://musicbrainz.org"),
  LASTFM_BASE_URL: z.url().default("https://ws.audioscrobbler.com"),
  LASTFM_API_KEY: z.string().optional(),
  SPOTIFY_API_BASE_URL: z.url().default("https://api.spotify.com"),
  SPOTIFY_ACCOUNTS_BASE_URL: z.url().default("https://accounts.spotify.com"),
  SPOTIFY_CLIENT_ID: z.string().optional(),
  SPOTIFY_CLIENT_SECRET: z.string().optional(),
  SPOTIFY_DEVELOPMENT_MODE: z.stringbool().default(false),
  PROVIDER_RATE_SCALE: z.coerce.number().positive().default(1),
});

const trimSlash = (url: string) => url.replace(/\/+$/, "");
const blankToUndefined = (value?: string) => (value?.trim() ? value.trim() : undefined);

/** Builds the provider configuration from environment variables (process.env by default). */
export function providersConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ProvidersConfig {
  const e = envSchema.parse(env);

  return {
    userAgent: `Roadie/${packageJson.version} ( ${e.ROADIE_CONTACT} )`,
    rateScale: e.PROVIDER_RATE_SCALE,
    // MusicBrainz answers slowly under load (5-30 s reported), so its timeout is generous.
    musicbrainz: { baseUrl: trimSlash(e.MUSICBRAINZ_BASE_URL), timeoutMs: 30_000 },
    lastfm: {
      baseUrl: trimSlash(e.LASTFM_BASE_URL),
      apiKey: blankToUndefined(e.LASTFM_API_KEY),
      timeoutMs: 15_000,
    },
    spotify: {
      apiBaseUrl: trimSlash(e.SPOTIFY_API_BASE_URL),
      accountsBaseUrl: trimSlash(e.SPOTIFY_ACCOUNTS_BASE_URL),
      clientId: blankToUndefined(e.SPOTIFY_CLIENT_ID),
      clientSecret: blankToUndefined(e.SPOTIFY_CLIENT_SECRET),
      developmentMode: e.SPOTIFY_DEVELOPMENT_MODE,
      timeoutMs: 15_000,
    },
  };
}

/** Why a provider cannot be used with this configuration, or null when it can. */
export function missingCredentials(config: ProvidersConfig, provider: string): string | null {
  if (provider === "lastfm" && !config.lastfm.apiKey) return "LASTFM_API_KEY is not set";
  if (provider === "spotify" && !(config.spotify.clientId && config.spotify.clientSecret)) {
    return "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not set";
  }

  return null;
}
