import { randomUUID } from "node:crypto";

import { bulkArtistImport } from "../../../jobs/bulk-artist-import/definition";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../http/errors";
import type { JobSummary } from "../../jobs/job-dto";
import { enqueuePrepared, prepareJob } from "../../jobs/enqueue-job";
import type { JobServices } from "../../jobs/job-services";
import { queryRows, type Sql } from "../../jobs/sql";
import { withJobTransaction } from "../join-transaction";
import type { ImportSummary } from "./import-dto";
import { countOutcomes } from "./import-queries";
import {
  importKey,
  type ImportFormat,
  parseImport,
  type ParsedRow,
  tidyName,
} from "./parse-import";

export interface ImportInput {
  format: ImportFormat;
  text: string;
  fileName?: string | null;
  /** The request field the rows came in ("text" as JSON, "file" as an upload), for errors. */
  field?: "text" | "file";
}

type CheckedRow = Omit<ParsedRow, "outcome"> & {
  outcome: ParsedRow["outcome"] | "existing";
  artistId: string | null;
};

/**
 * POST /api/imports: reads the rows, reports blank, invalid, repeated and already-known ones,
 * and stores the import with its rows and the parent job in one transaction. The artists are
 * created by the job, so a 10,000-row file is answered in well under a second.
 */
export async function createImport(
  services: JobServices,
  actor: Actor,
  input: ImportInput,
): Promise<{ import: ImportSummary; job: JobSummary }> {
  const parsed = parseImport(input.format, input.text);
  if (parsed.every((row) => row.outcome === "invalid")) throw nothingToImport(parsed, input.field);
  const id = randomUUID();
  const label = input.fileName ? `Import ${input.fileName}` : `Import of ${parsed.length} rows`;
  const prepared = prepareJob(bulkArtistImport, { importId: id }, { label });

  const { job, rows } = await withJobTransaction(services, async (tx, joined) => {
    const rows = await markExisting(tx, parsed);
    const stillNew = rows.filter((row) => row.outcome === "pending").length;
    await tx.executeSql(
      `INSERT INTO artist_import (id, "createdById", format, "fileName", status, "jobId",
         "totalRows", "acceptedRows", "updatedAt")
       VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, now())`,
      [id, actor.userId, input.format, input.fileName ?? null, prepared.id, rows.length, stillNew],
    );
    await insertRows(tx, id, rows);
    const [outcome] = await enqueuePrepared(joined, actor, [prepared]);
    if (outcome?.kind !== "created") throw new AppError("conflict", "The import job was refused.");

    return { job: outcome.job, rows };
  });
  const counts = countOutcomes(rows.map((row) => ({ outcome: row.outcome, count: 1 })));
  const summary: ImportSummary = {
    id,
    format: input.format,
    fileName: input.fileName ?? null,
    status: "queued",
    jobId: job.id,
    totalRows: rows.length,
    acceptedRows: counts.pending,
    counts,
    summary: {},
    createdAt: job.createdAt,
  };

  return { import: summary, job };
}

/**
 * The 422 for an import none of whose rows names an artist: an import job would only report
 * the rows back, so it is refused before anything is written, saying what the rows held.
 */
function nothingToImport(rows: ParsedRow[], field: ImportInput["field"] = "file"): AppError {
  const isBlank = (row: ParsedRow) => row.name !== null && tidyName(row.name) === "";
  const blank = rows.filter(isBlank).length;
  const invalid = rows.length - blank;
  const first = rows.find((row) => !isBlank(row));
  // A row's message may quote the row (a bad MBID), which may be long.
  const reason = first?.message?.replace(/\.$/, "").slice(0, 200);
  const held = [
    blank > 0 ? `${blank} blank` : null,
    first ? `${invalid} invalid (line ${first.line}: ${reason})` : null,
  ];

  return new AppError(
    "validation_failed",
    `${field}: no row holds an artist name to import; of ${rows.length} rows, ` +
      `${held.filter(Boolean).join(", ")}.`,
    { field, rows: rows.length, blank, invalid },
  );
}

/** Rows naming an artist (or MBID) the library already has become "existing", with its id. */
async function markExisting(tx: Sql, rows: ParsedRow[]): Promise<CheckedRow[]> {
  const pending = rows.filter((row) => row.outcome === "pending" && row.name);
  const keys = [...new Set(pending.map((row) => importKey(row.name!)))];
  const mbids = [...new Set(pending.flatMap((row) => (row.mbid ? [row.mbid] : [])))];
  const known = await queryRows<{ id: string; key: string; mbid: string | null }>(
    tx,
    `SELECT id, lower(name) AS key, mbid::text AS mbid FROM artist
      WHERE lower(name) = ANY($1::text[]) OR mbid = ANY($2::uuid[])`,
    [keys, mbids],
  );
  const byKey = new Map(known.map((a) => [a.key, a.id]));
  const byMbid = new Map(known.flatMap((a) => (a.mbid ? [[a.mbid, a.id] as const] : [])));

  return rows.map((row) => {
    if (row.outcome !== "pending" || !row.name) return { ...row, artistId: null };
    const artistId =
      byKey.get(importKey(row.name)) ?? (row.mbid ? byMbid.get(row.mbid) : undefined);
    if (!artistId) return { ...row, artistId: null };

    return { ...row, outcome: "existing", message: "Already in the library.", artistId };
  });
}

async function insertRows(tx: Sql, importId: string, rows: CheckedRow[]) {
  await tx.executeSql(
    `INSERT INTO artist_import_row ("importId", line, name, mbid, "spotifyId", outcome, message,
       "artistId")
     SELECT $1, x.line, x.name, x.mbid, x."spotifyId", x.outcome, x.message, x."artistId"
       FROM jsonb_to_recordset($2::jsonb) AS x(line int, name text, mbid uuid, "spotifyId" text,
         outcome text, message text, "artistId" uuid)`,
    [importId, JSON.stringify(rows)],
  );
}
