import { z } from "zod";

/** One MusicBrainz alias, reduced to what matching and display need. */
export interface MbAlias {
  name: string;
  sortName: string | null;
  locale: string | null;
  type: string | null;
}

/** An artist as search returns it (no genres, no url-rels). */
export interface MbArtistSummary {
  id: string;
  name: string;
  sortName: string | null;
  score: number | null;
  type: string | null;
  gender: string | null;
  country: string | null;
  area: string | null;
  beginArea: string | null;
  endArea: string | null;
  /** Partial dates exactly as given: "1991", "1957-03", "1965-11-21". */
  beginDate: string | null;
  endDate: string | null;
  ended: boolean | null;
  disambiguation: string | null;
  aliases: MbAlias[];
}

export interface MbLink {
  type: string;
  url: string;
}

/** An artist as lookup returns it with inc=aliases+genres+tags+url-rels. */
export interface MbArtist extends MbArtistSummary {
  /** Vote count > 0 only, most votes first, then by name. */
  genres: { name: string; count: number }[];
  tags: { name: string; count: number }[];
  /** url-rels that have not ended. */
  links: MbLink[];
}

export interface MbSearchResult {
  count: number;
  artists: MbArtistSummary[];
}

const text = z.string().nullish();
const areaSchema = z.object({ name: z.string().nullish() }).nullish();
const voteSchema = z.object({ name: z.string(), count: z.coerce.number().nullish() });

const aliasSchema = z.object({
  name: z.string(),
  "sort-name": text,
  locale: text,
  type: text,
});

const artistSchema = z.object({
  id: z.string(),
  name: z.string(),
  "sort-name": text,
  // Current JSON gives an integer score; a 2016 capture shows a string.
  score: z.coerce.number().nullish(),
  type: text,
  gender: text,
  country: text,
  area: areaSchema,
  "begin-area": areaSchema,
  begin_area: areaSchema,
  "end-area": areaSchema,
  end_area: areaSchema,
  "life-span": z.object({ begin: text, end: text, ended: z.boolean().nullish() }).nullish(),
  disambiguation: text,
  aliases: z.array(aliasSchema).nullish(),
  genres: z.array(voteSchema).nullish(),
  tags: z.array(voteSchema).nullish(),
  relations: z
    .array(
      z.object({
        type: z.string(),
        ended: z.boolean().nullish(),
        url: z.object({ resource: z.string() }).nullish(),
      }),
    )
    .nullish(),
});

export const mbSearchSchema = z.object({
  count: z.coerce.number().default(0),
  artists: z.array(artistSchema).default([]),
});

export const mbErrorSchema = z.object({ error: z.string(), help: z.string().optional() });

type RawArtist = z.infer<typeof artistSchema>;

const orNull = (value: string | null | undefined) => (value ? value : null);

export function toSummary(raw: RawArtist): MbArtistSummary {
  const lifeSpan = raw["life-span"];

  return {
    id: raw.id,
    name: raw.name,
    sortName: orNull(raw["sort-name"]),
    score: raw.score ?? null,
    type: orNull(raw.type),
    // Search gives "female", lookup "Female": store one spelling.
    gender: raw.gender ? raw.gender[0]!.toUpperCase() + raw.gender.slice(1).toLowerCase() : null,
    country: orNull(raw.country),
    area: orNull(raw.area?.name),
    beginArea: orNull((raw["begin-area"] ?? raw.begin_area)?.name),
    endArea: orNull((raw["end-area"] ?? raw.end_area)?.name),
    beginDate: orNull(lifeSpan?.begin),
    endDate: orNull(lifeSpan?.end),
    ended: lifeSpan?.ended ?? null,
    disambiguation: orNull(raw.disambiguation),
    aliases: (raw.aliases ?? []).map((a) => ({
      name: a.name,
      sortName: orNull(a["sort-name"]),
      locale: orNull(a.locale),
      type: orNull(a.type),
    })),
  };
}

function positiveVotes(votes: RawArtist["genres"]): { name: string; count: number }[] {
  return (votes ?? [])
    .map((v) => ({ name: v.name, count: v.count ?? 0 }))
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function toArtist(raw: RawArtist): MbArtist {
  return {
    ...toSummary(raw),
    genres: positiveVotes(raw.genres),
    tags: positiveVotes(raw.tags),
    links: (raw.relations ?? [])
      .filter((r) => r.ended !== true && r.url?.resource)
      .map((r) => ({ type: r.type, url: r.url!.resource })),
  };
}

export const mbArtistSchema = artistSchema;
