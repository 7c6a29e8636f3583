import { z } from "zod";

import { AppError } from "../../http/errors";
import { CsvSyntaxError, parseCsv } from "./csv";

export const IMPORT_FORMATS = ["text", "csv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Bounds on one import; the route answers 413 (bytes) and 422 (rows) beyond them. */
export const IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 10_000, maxNameLength: 300 };

export type RowOutcome = "pending" | "created" | "existing" | "duplicate" | "invalid";

/** One input row as read from the file, before the library is consulted. */
export interface ParsedRow {
  line: number;
  name: string | null;
  mbid: string | null;
  spotifyId: string | null;
  outcome: "pending" | "duplicate" | "invalid";
  message: string | null;
}

interface RawRow {
  line: number;
  name: unknown;
  mbid?: unknown;
  spotifyId?: unknown;
}

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
// TextDecoder turns every byte sequence that is not UTF-8 into this character.
const REPLACEMENT = "\uFFFD";

/** The key two names are "the same artist" by, in a file and against the library. */
export const importKey = (name: string) => tidyName(name).toLowerCase();

/** Trims a name and collapses its inner white space; the form artists are stored in. */
export const tidyName = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ");

/** Decodes upload bytes; bytes that are not UTF-8 become U+FFFD and fail their row later. */
/** C0 controls other than tab, and DEL (tidyName has already dealt with line ends). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9) || code === 127) return true;
  }

  return false;
}

export function decodeUpload(bytes: Uint8Array): string {
  const bom = (bytes[0] ?? 0) * 256 + (bytes[1] ?? 0);
  if (bom === 0xfffe || bom === 0xfeff) {
    throw new AppError("validation_failed", "file: the file is UTF-16 text; save it as UTF-8.", {
      field: "file",
    });
  }

  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes);
}

/**
 * Reads an import into rows, one per input line (text), record (CSV) or element (JSON), and
 * marks blank, invalid and repeated rows with the reason. Throws 422 when the input as a whole
 * cannot be read (no name column, bad JSON, too many rows).
 */
export function parseImport(format: ImportFormat, text: string): ParsedRow[] {
  const body = text.replace(/^\uFEFF/, "");
  const raw =
    format === "text" ? textRows(body) : format === "csv" ? csvRows(body) : jsonRows(body);
  if (raw.length > IMPORT_LIMITS.maxRows) {
    throw new AppError(
      "validation_failed",
      `The import has ${raw.length} rows; at most ${IMPORT_LIMITS.maxRows} are allowed.`,
      { field: "file", rows: raw.length, maxRows: IMPORT_LIMITS.maxRows },
    );
  }
  if (raw.length === 0) {
    throw new AppError("validation_failed", "The import holds no rows.", { field: "file" });
  }

  return markDuplicates(raw.map(checkRow));
}

function textRows(text: string): RawRow[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();

  return lines.map((name, i) => ({ line: i + 1, name }));
}

function csvRows(text: string): RawRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new AppError("validation_failed", err.message, { field: "file" });
    throw err;
  }
  const [header, ...rest] = records;
  const columns = (header?.fields ?? []).map((f) => f.trim().toLowerCase());
  const nameAt = columns.findIndex((c) => c === "name" || c === "artist");
  if (nameAt < 0) {
    throw new AppError(
      "validation_failed",
      "The CSV needs a header row with a name column (optional: mbid, spotify_id).",
      { field: "file" },
    );
  }
  const mbidAt = columns.indexOf("mbid");
  const spotifyAt = columns.findIndex((c) => c === "spotify_id" || c === "spotifyid");

  return rest.map(({ line, fields }) => ({
    line,
    name: fields[nameAt] ?? "",
    mbid: mbidAt >= 0 ? fields[mbidAt] : undefined,
    spotifyId: spotifyAt >= 0 ? fields[spotifyAt] : undefined,
  }));
}

const jsonItem = z.union([
  z.string(),
  z.object({
    name: z.unknown(),
    mbid: z.unknown().optional(),
    spotify_id: z.unknown().optional(),
    spotifyId: z.unknown().optional(),
  }),
]);

function jsonRows(text: string): RawRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "The file is not valid JSON.", { field: "file" });
  }
  const list = Array.isArray(value) ? value : (value as { artists?: unknown })?.artists;
  if (!Array.isArray(list)) {
    throw new AppError(
      "validation_failed",
      'The JSON must be a list of names or of objects like { "name": "..." }.',
      { field: "file" },
    );
  }

  return list.map((item, i) => {
    const parsed = jsonItem.safeParse(item);
    if (!parsed.success) return { line: i + 1, name: null };
    if (typeof parsed.data === "string") return { line: i + 1, name: parsed.data };
    const { name, mbid, spotify_id, spotifyId } = parsed.data;

    return { line: i + 1, name, mbid, spotifyId: spotify_id ?? spotifyId };
  });
}

const optionalText = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

function checkRow(raw: RawRow): ParsedRow {
  const invalid = (message: string): ParsedRow => ({
    line: raw.line,
    // PostgreSQL cannot store NUL or a lone surrogate: the report keeps the rest of the line.
    name:
      typeof raw.name === "string"
        ? raw.name.replaceAll("\u0000", "").slice(0, IMPORT_LIMITS.maxNameLength).toWellFormed()
        : null,
    mbid: null,
    spotifyId: null,
    outcome: "invalid",
    message,
  });
  if (typeof raw.name !== "string") return invalid("No artist name: expected a string.");
  const name = tidyName(raw.name);
  if (name === "") return invalid("Blank line.");
  if (name.includes(REPLACEMENT) || !name.isWellFormed()) {
    return invalid("The line is not valid UTF-8 text.");
  }
  if (hasControl(name)) return invalid("The line holds control characters: is it a binary file?");
  if (name.length > IMPORT_LIMITS.maxNameLength) {
    return invalid(`The name is longer than ${IMPORT_LIMITS.maxNameLength} characters.`);
  }
  const mbid = optionalText(raw.mbid);
  const spotifyId = optionalText(raw.spotifyId);
  if (mbid && !MBID.test(mbid)) return invalid(`"${mbid}" is not a MusicBrainz id.`);
  if (spotifyId && !SPOTIFY_ID.test(spotifyId))
    return invalid(`"${spotifyId}" is not a Spotify id.`);

  return {
    line: raw.line,
    name,
    mbid: mbid?.toLowerCase() ?? null,
    spotifyId,
    outcome: "pending",
    message: null,
  };
}

/** A later row naming an artist (or MBID) an earlier row already names is a duplicate. */
function markDuplicates(rows: ParsedRow[]): ParsedRow[] {
  const firstByName = new Map<string, number>();
  const firstByMbid = new Map<string, number>();

  return rows.map((row) => {
    if (row.outcome !== "pending" || !row.name) return row;
    const earlier =
      firstByName.get(importKey(row.name)) ?? (row.mbid ? firstByMbid.get(row.mbid) : undefined);
    if (earlier !== undefined) {
      return { ...row, outcome: "duplicate", message: `Same artist as line ${earlier}.` };
    }
    firstByName.set(importKey(row.name), row.line);
    if (row.mbid) firstByMbid.set(row.mbid, row.line);

    return row;
  });
}
