/**
 * Comparison keys for artist names. Used only to decide whether two spellings name the same
 * artist; the original string is always what gets stored and shown.
 *
 * Folded: Unicode compatibility forms, case, diacritics, typographic quotes and dashes,
 * "&" / "+" / "'n'" / "N'" as "and", punctuation, and whitespace. A name made only of
 * punctuation ("!!!") keeps its punctuation, since dropping it would leave nothing to compare.
 */

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const MARKS = /\p{M}+/gu;
const PUNCTUATION = /[\p{P}\p{S}]+/gu;

/** NFKC, case-folded, accents stripped, quotes and dashes unified, whitespace collapsed. */
export function foldName(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFKD")
    .replace(MARKS, "")
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The key two names must share to count as the same. Words are joined without spaces so that
 * "AC/DC", "ACDC" and "AC-DC", or "Jay Z" and "Jay-Z", agree.
 */
export function nameKey(name: string): string {
  const folded = foldName(name);
  const words = folded
    .replace(/'n'/g, " and ")
    .replace(/[&+]/g, " and ")
    .split(" ")
    .map((word) => word.replace(PUNCTUATION, ""))
    .filter(Boolean);
  const joined = words
    .map((word, i) => (word === "n" && i > 0 && i < words.length - 1 ? "and" : word))
    .join("");

  return joined || folded.replace(/\s+/g, "");
}

/** "Beatles, The" -> "The Beatles"; "Guðmundsdóttir, Björk" -> "Björk Guðmundsdóttir". */
export function uninvertSortName(sortName: string): string {
  const comma = sortName.lastIndexOf(", ");
  if (comma < 0) return sortName;

  return `${sortName.slice(comma + 2)} ${sortName.slice(0, comma)}`;
}

/** The keys of a name with and without a leading English article ("The Beatles", "Beatles"). */
export function nameKeys(name: string): string[] {
  const keys = new Set([nameKey(name)]);
  const withoutArticle = foldName(name).replace(/^the\s+/, "");
  if (withoutArticle && withoutArticle !== foldName(name)) keys.add(nameKey(withoutArticle));

  return [...keys];
}

/** True when any key of `a` equals any key of `b`. */
export function sameName(a: string, b: string): boolean {
  const keysOfB = new Set(nameKeys(b));

  return nameKeys(a).some((key) => keysOfB.has(key));
}

/** Accent- and case-preserving equality (after NFKC and whitespace): the strongest match. */
export function sameSpelling(a: string, b: string): boolean {
  const tidy = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();

  return tidy(a) === tidy(b);
}
