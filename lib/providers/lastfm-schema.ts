import { z } from "zod";

/** Last.fm's artist.getinfo, with its quirks absorbed. */
export interface LastfmArtist {
  name: string;
  /** Evidence only: it may be stale or point at a same-name artist. */
  mbid: string | null;
  url: string | null;
  listeners: bigint | null;
  playcount: bigint | null;
  similar: { name: string; mbid: string | null }[];
  tags: string[];
  /** Plain text, without HTML, the "Read more on Last.fm" anchor or the licence line. */
  bioSummary: string | null;
  bioUrl: string | null;
}

export interface LastfmCorrection {
  name: string;
  mbid: string | null;
}

/** Image URLs with this hash are Last.fm's placeholder, served for every artist since ~2019. */
export const LASTFM_PLACEHOLDER_IMAGE = "2a96cbd8b46e442fc41c2b86b821562f";

/** Single-element lists collapse to an object and empty ones to "" or {}: always an array. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (Array.isArray(value)) return value;
    if (value && typeof value === "object" && Object.keys(value).length > 0) return [value];

    return [];
  }, z.array(item));
}

/** Wraps a collection that may be "", {} or missing: `{ key: [...] }`. */
function collection<T extends z.ZodType>(key: string, item: T) {
  return z.preprocess(
    (value) => (value && typeof value === "object" ? value : {}),
    z.object({ [key]: listOf(item).default([]) }),
  );
}

const named = z.object({ name: z.string(), mbid: z.string().nullish(), url: z.string().nullish() });

export const lastfmArtistSchema = z.object({
  artist: z.object({
    name: z.string(),
    mbid: z.string().nullish(),
    url: z.string().nullish(),
    stats: z
      .object({
        listeners: z.union([z.string(), z.number()]).nullish(),
        playcount: z.union([z.string(), z.number()]).nullish(),
      })
      .nullish(),
    similar: collection("artist", named).nullish(),
    tags: collection("tag", named).nullish(),
    bio: z
      .object({
        summary: z.string().nullish(),
        links: collection("link", z.object({ href: z.string().nullish() })).nullish(),
      })
      .nullish(),
  }),
});

export const lastfmCorrectionSchema = z.object({
  corrections: z.preprocess(
    (value) => (value && typeof value === "object" ? value : {}),
    z.object({ correction: listOf(z.object({ artist: named })).default([]) }),
  ),
});

/** Body-level error, which Last.fm may send with any HTTP status, even 200. */
export const lastfmErrorSchema = z.object({
  error: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
  message: z.string().default(""),
});

/** Counts arrive as strings; anything that is not a whole number is treated as absent. */
export function parseCount(value: string | number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  const digits = String(value).trim();

  return /^\d+$/.test(digits) ? BigInt(digits) : null;
}

/** Strips HTML, the trailing "Read more on Last.fm" anchor and the Creative Commons line. */
export function cleanBio(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = html
    .replace(/<a\b[^>]*>\s*Read more on Last\.fm\s*<\/a>\.?/gi, "")
    .replace(/User-contributed text is available under the Creative Commons[^]*$/i, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

  return text || null;
}

const orNull = (value: string | null | undefined) => (value ? value : null);

export function toLastfmArtist(body: z.infer<typeof lastfmArtistSchema>): LastfmArtist {
  const a = body.artist;

  return {
    name: a.name,
    mbid: orNull(a.mbid),
    url: orNull(a.url),
    listeners: parseCount(a.stats?.listeners),
    playcount: parseCount(a.stats?.playcount),
    similar: (a.similar?.artist ?? []).map((s) => ({ name: s.name, mbid: orNull(s.mbid) })),
    tags: (a.tags?.tag ?? []).map((t) => t.name),
    bioSummary: cleanBio(a.bio?.summary),
    bioUrl: orNull(a.bio?.links?.link?.[0]?.href) ?? orNull(a.url),
  };
}

export function toCorrection(
  body: z.infer<typeof lastfmCorrectionSchema>,
): LastfmCorrection | null {
  const first = body.corrections.correction[0]?.artist;

  return first ? { name: first.name, mbid: orNull(first.mbid) } : null;
}
