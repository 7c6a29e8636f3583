import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { lastfmError } from "./lastfm";
import {
  cleanBio,
  lastfmArtistSchema,
  lastfmCorrectionSchema,
  toCorrection,
  toLastfmArtist,
} from "./lastfm-schema";
import { mbError } from "./musicbrainz";
import { mbArtistSchema, mbSearchSchema, toArtist } from "./musicbrainz-schema";
import { spotifyError } from "./spotify";
import {
  spotifyArtistSchema,
  spotifySearchSchema,
  spotifyTokenSchema,
  toSpotifyArtist,
} from "./spotify-schema";
import { REPO_FIXTURES } from "./test-config";

const read = (file: string) =>
  JSON.parse(readFileSync(path.join(REPO_FIXTURES, file), "utf8")) as unknown;
const files = (dir: string) => readdirSync(path.join(REPO_FIXTURES, dir)).map((f) => `${dir}/${f}`);
const errorMeta = (
  read("errors/index.json") as {
    files: Record<string, { status: number; headers: Record<string, string> }>;
  }
).files;
const httpResult = (file: string) => ({
  status: errorMeta[file]!.status,
  headers: new Headers(errorMeta[file]!.headers),
  json: read(`errors/${file}`),
  text: "",
});

describe("fixture parsing", () => {
  it.each(files("musicbrainz"))("parses %s", (file) => {
    const body = read(file);
    if (file.includes("/search-"))
      expect(mbSearchSchema.parse(body).count).toBeGreaterThanOrEqual(0);
    else expect(toArtist(mbArtistSchema.parse(body)).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads genres, links and partial dates from a lookup", () => {
    const radiohead = toArtist(
      mbArtistSchema.parse(read("musicbrainz/artist-a74b1b7f-71a5-4011-9441-d0b5e4122711.json")),
    );
    expect(radiohead.genres.slice(0, 3).map((g) => g.name)).toEqual([
      "alternative rock",
      "art rock",
      "rock",
    ]);
    expect(radiohead.beginDate).toBe("1991");
    expect(radiohead.beginArea).toBe("Abingdon-on-Thames");
    expect(radiohead.disambiguation).toBeNull();
    expect(radiohead.links).toHaveLength(4);
  });

  it.each(files("lastfm"))("parses %s", (file) => {
    const body = read(file);
    if (file.includes("getcorrection"))
      expect(toCorrection(lastfmCorrectionSchema.parse(body))?.name).toBeTruthy();
    else if ((body as { error?: number }).error)
      expect(lastfmArtistSchema.safeParse(body).success).toBe(false);
    else
      expect(toLastfmArtist(lastfmArtistSchema.parse(body)).bioSummary).not.toMatch(
        /Read more|<a /,
      );
  });

  it("parses string counts and drops the bio anchor", () => {
    const info = toLastfmArtist(
      lastfmArtistSchema.parse(read("lastfm/artist.getinfo-radiohead.json")),
    );
    expect(info.listeners).toBe(4891686n);
    expect(info.similar.map((s) => s.name)).toEqual(["Thom Yorke", "Atoms for Peace", "Muse"]);
    expect(cleanBio('Hi <b>there</b>. <a href="x">Read more on Last.fm</a>')).toBe("Hi there.");
    expect(toCorrection(lastfmCorrectionSchema.parse({ corrections: "\n" }))).toBeNull();
  });

  it.each(files("spotify"))("parses %s", (file) => {
    const body = read(file);
    if (file.includes("/search-")) spotifySearchSchema.parse(body);
    else expect(toSpotifyArtist(spotifyArtistSchema.parse(body)).id).toHaveLength(22);
  });

  it("parses the token answer", () => {
    expect(spotifyTokenSchema.parse(read("errors/spotify-token-success.json")).expires_in).toBe(
      3600,
    );
  });
});

describe("error bodies", () => {
  it.each([
    ["musicbrainz-503-rate-limited.json", "rate_limited"],
    ["musicbrainz-404-not-found.json", "not_found"],
    ["musicbrainz-400-invalid-mbid.json", "bad_request"],
    ["musicbrainz-400-bad-inc.json", "bad_request"],
  ])("MusicBrainz %s is %s", (file, kind) => {
    expect(mbError(httpResult(file), 1).kind).toBe(kind);
  });

  it.each([
    ["lastfm-error-6-artist-not-found.json", "not_found"],
    ["lastfm-error-10-invalid-api-key.json", "auth"],
    ["lastfm-error-16-temporary.json", "unavailable"],
    ["lastfm-error-26-suspended-api-key.json", "auth"],
    ["lastfm-error-29-rate-limit.json", "rate_limited"],
  ])("Last.fm %s is %s whatever the HTTP status", (file, kind) => {
    expect(lastfmError(httpResult(file), 1)?.kind).toBe(kind);
    expect(lastfmError({ ...httpResult(file), status: 200 }, 1)?.kind).toBe(kind);
  });

  it.each([
    ["spotify-429-rate-limited.json", "rate_limited", 7000],
    ["spotify-429-quota-exceeded.json", "rate_limited", 3_600_000],
    ["spotify-401-token-expired.json", "auth", undefined],
    ["spotify-404-not-found.json", "not_found", undefined],
    ["spotify-400-invalid-limit.json", "bad_request", undefined],
    ["spotify-400-invalid-id.json", "bad_request", undefined],
  ])("Spotify %s is %s", (file, kind, retry) => {
    const err = spotifyError(httpResult(file), 1);
    expect(err.kind).toBe(kind);
    expect(err.retryAfterMs).toBe(retry);
  });

  it("scales Retry-After with the rate scale", () => {
    expect(spotifyError(httpResult("spotify-429-rate-limited.json"), 10).retryAfterMs).toBe(700);
  });
});
