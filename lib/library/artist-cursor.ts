import { AppError } from "../http/errors";
import type { ArtistSort } from "./artist-dto";

/** Where a page ended: the sort value of its last artist (null for "never enriched") and id. */
export interface ArtistCursor {
  sort: ArtistSort;
  value: string | null;
  id: string;
}

export const encodeArtistCursor = (cursor: ArtistCursor) =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString("base64url");

/** Reads a cursor, refusing one made for another sort order (422 naming the field). */
export function decodeArtistCursor(text: string, sort: ArtistSort): ArtistCursor {
  const invalid = new AppError("validation_failed", "cursor: not a cursor from this list.", {
    field: "cursor",
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString());
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid;
  const [cursorSort, value, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw invalid;
  if (value !== null && typeof value !== "string") throw invalid;
  if (sort !== "name" && value !== null && Number.isNaN(Date.parse(value))) throw invalid;

  return { sort, value, id };
}
