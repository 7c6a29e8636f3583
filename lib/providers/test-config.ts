import path from "node:path";

import type { ProvidersConfig } from "./provider-config";

/** The fixture copy the simulator serves in tests, the demo and the benchmark. */
export const REPO_FIXTURES = path.resolve(
  import.meta.dirname,
  "../../tools/provider-simulator/fixtures",
);

/** Provider configuration pointing every client at one simulator on loopback. */
export function simulatorConfig(
  baseUrl: string,
  options: { rateScale?: number; developmentMode?: boolean } = {},
): ProvidersConfig {
  return {
    userAgent: "Roadie/0.0.0-test ( https://example.invalid/tests )",
    rateScale: options.rateScale ?? 10,
    musicbrainz: { baseUrl, timeoutMs: 5_000 },
    lastfm: { baseUrl, apiKey: "test-key", timeoutMs: 2_000 },
    spotify: {
      apiBaseUrl: baseUrl,
      accountsBaseUrl: baseUrl,
      clientId: "test-client",
      clientSecret: "test-secret",
      developmentMode: options.developmentMode ?? false,
      timeoutMs: 2_000,
    },
  };
}
