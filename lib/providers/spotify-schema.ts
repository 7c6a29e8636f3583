import { z } from "zod";

/** A Spotify artist; followers, popularity and genres are optional (development mode). */
export interface SpotifyArtist {
  id: string;
  name: string;
  url: string | null;
  followers: number | null;
  popularity: number | null;
  genres: string[];
  /** Largest first, as Spotify sends them. */
  images: { url: string; width: number | null; height: number | null }[];
}

export const spotifyArtistSchema = z.object({
  id: z.string(),
  name: z.string(),
  external_urls: z.object({ spotify: z.string().nullish() }).nullish(),
  followers: z.object({ total: z.number().nullish() }).nullish(),
  popularity: z.number().nullish(),
  genres: z.array(z.string()).nullish(),
  images: z
    .array(z.object({ url: z.string(), width: z.number().nullish(), height: z.number().nullish() }))
    .nullish(),
});

export const spotifySearchSchema = z.object({
  artists: z.object({
    items: z.array(spotifyArtistSchema).default([]),
    total: z.number().nullish(),
  }),
});

export const spotifyTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

/** Web API errors: `{"error":{"status":429,"message":"...","reason":"QUOTA_EXCEEDED"}}`. */
export const spotifyErrorSchema = z.object({
  error: z.object({ status: z.number(), message: z.string(), reason: z.string().optional() }),
});

/** The token endpoint's flat OAuth error: `{"error":"invalid_client","error_description":"..."}`. */
export const spotifyTokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

export function toSpotifyArtist(raw: z.infer<typeof spotifyArtistSchema>): SpotifyArtist {
  return {
    id: raw.id,
    name: raw.name,
    url: raw.external_urls?.spotify ?? null,
    followers: raw.followers?.total ?? null,
    popularity: raw.popularity ?? null,
    genres: raw.genres ?? [],
    images: (raw.images ?? []).map((i) => ({
      url: i.url,
      width: i.width ?? null,
      height: i.height ?? null,
    })),
  };
}
