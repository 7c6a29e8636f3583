import type { MbLink } from "../providers/musicbrainz-schema";

// Host -> link key. Relation type names are stable, but hosts also classify the many
// "social network" and "streaming" relations into something a page can show.
const HOSTS: [RegExp, string][] = [
  [/(^|\.)open\.spotify\.com$/, "spotify"],
  [/(^|\.)wikidata\.org$/, "wikidata"],
  [/(^|\.)wikipedia\.org$/, "wikipedia"],
  [/(^|\.)allmusic\.com$/, "allmusic"],
  [/(^|\.)discogs\.com$/, "discogs"],
  [/(^|\.)imvdb\.com$/, "imvdb"],
  [/(^|\.)(youtube\.com|youtu\.be)$/, "youtube"],
  [/(^|\.)last\.fm$/, "lastfm"],
  [/(^|\.)instagram\.com$/, "instagram"],
  [/(^|\.)(twitter\.com|x\.com)$/, "twitter"],
  [/(^|\.)facebook\.com$/, "facebook"],
  [/(^|\.)soundcloud\.com$/, "soundcloud"],
  [/(^|\.)bandcamp\.com$/, "bandcamp"],
];

function linkKey(link: MbLink): string {
  if (link.type === "official homepage") return "official_homepage";
  let host = "";
  try {
    host = new URL(link.url).hostname.toLowerCase();
  } catch {
    // Not a URL we can read: fall back to the relation type.
  }
  const known = HOSTS.find(([pattern]) => pattern.test(host));

  return known ? known[1] : link.type.toLowerCase().replace(/[^a-z0-9]+/g, "_");
}

/** MusicBrainz url-rels as { key: url }; the first link of each kind wins. */
export function externalLinks(links: MbLink[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const link of links) {
    const key = linkKey(link);
    out[key] ??= link.url;
  }

  return out;
}

/** The Spotify artist id an MB url-rel points at, if any. */
export function spotifyIdFromLinks(links: MbLink[]): string | null {
  for (const link of links) {
    const match = /open\.spotify\.com\/artist\/([0-9A-Za-z]{22})/.exec(link.url);
    if (match) return match[1]!;
  }

  return null;
}
