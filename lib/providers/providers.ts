import type { SqlClient } from "../db/sql-client";
import type { Logger } from "../logger";
import type { CircuitOptions } from "./circuit-breaker";
import { createLastfmClient, type LastfmClient } from "./lastfm";
import { createMusicBrainzClient, type MusicBrainzClient } from "./musicbrainz";
import { missingCredentials, type ProvidersConfig } from "./provider-config";
import type { ProviderName } from "./provider-error";
import { createGate, type GateOptions } from "./provider-gate";
import { createSpotifyClient, type SpotifyClient } from "./spotify";

/** The three clients, or the reason a client is missing (no credentials). */
export interface Providers {
  config: ProvidersConfig;
  musicbrainz: MusicBrainzClient;
  lastfm: LastfmClient | null;
  spotify: SpotifyClient | null;
  /** Provider -> why it is skipped, for every provider that is not configured. */
  skipped: Partial<Record<ProviderName, string>>;
}

export interface ProvidersOptions {
  log?: Logger;
  circuit?: CircuitOptions;
  fetchImpl?: typeof fetch;
  gate?: Partial<Omit<GateOptions, "db" | "rateScale">>;
}

/** Builds the clients for one database (the pace and circuit state are shared through it). */
export function createProviders(
  db: SqlClient,
  config: ProvidersConfig,
  options: ProvidersOptions = {},
): Providers {
  const gate = (provider: ProviderName) =>
    createGate(provider, {
      db,
      rateScale: config.rateScale,
      circuit: options.circuit,
      log: options.log,
      ...options.gate,
    });
  const skipped: Providers["skipped"] = {};
  const lastfmMissing = missingCredentials(config, "lastfm");
  const spotifyMissing = missingCredentials(config, "spotify");
  if (lastfmMissing) skipped.lastfm = lastfmMissing;
  if (spotifyMissing) skipped.spotify = spotifyMissing;

  return {
    config,
    musicbrainz: createMusicBrainzClient(config, gate("musicbrainz"), options.fetchImpl),
    lastfm: lastfmMissing ? null : createLastfmClient(config, gate("lastfm"), options.fetchImpl),
    spotify: spotifyMissing
      ? null
      : createSpotifyClient(config, gate("spotify"), options.fetchImpl),
    skipped,
  };
}
