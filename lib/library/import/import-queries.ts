import type { Actor } from "../../auth/actor";
import { jobScopeFor } from "../../auth/policy";
import type { Db } from "../../db/client";
import { notFound } from "../../http/errors";
import type { ImportDetail, ImportIssue, ImportSummary, RowOutcome } from "./import-dto";

const OUTCOMES: RowOutcome[] = ["pending", "created", "existing", "duplicate", "invalid"];
const MAX_ISSUES = 1_000;

/** Rows per outcome, every outcome present. */
export function countOutcomes(
  groups: { outcome: string; count: number }[],
): Record<RowOutcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<RowOutcome, number>;
  for (const { outcome, count } of groups) {
    if (outcome in counts) counts[outcome as RowOutcome] += count;
  }

  return counts;
}

type ImportRecord = Awaited<ReturnType<Db["artistImport"]["findFirstOrThrow"]>>;

async function toSummary(db: Db, record: ImportRecord): Promise<ImportSummary> {
  const groups = await db.artistImportRow.groupBy({
    by: ["outcome"],
    where: { importId: record.id },
    _count: { _all: true },
  });

  return {
    id: record.id,
    format: record.format as ImportSummary["format"],
    fileName: record.fileName,
    status: record.status,
    jobId: record.jobId,
    totalRows: record.totalRows,
    acceptedRows: record.acceptedRows,
    counts: countOutcomes(groups.map((g) => ({ outcome: g.outcome, count: g._count._all }))),
    summary: (record.summary ?? {}) as ImportSummary["summary"],
    createdAt: record.createdAt.toISOString(),
  };
}

/**
 * One import with the rows that did not become new artists. An import is its creator's, like
 * the jobs behind it: a member reads their own (another member's answers 404, so its existence
 * does not leak); administrators read every import.
 */
export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportDetail> {
  const record = await db.artistImport.findFirst({ where: { id, ...jobScopeFor(actor) } });
  if (!record) throw notFound("The import");
  const issues = await db.artistImportRow.findMany({
    where: { importId: id, outcome: { in: ["existing", "duplicate", "invalid"] } },
    orderBy: { line: "asc" },
    take: MAX_ISSUES,
    select: { line: true, name: true, outcome: true, message: true, artistId: true },
  });

  return { ...(await toSummary(db, record)), issues: issues as ImportIssue[] };
}

/** The latest imports the actor may read (members: their own; admins: all), newest first. */
export async function listImports(db: Db, actor: Actor, limit = 20): Promise<ImportSummary[]> {
  const records = await db.artistImport.findMany({
    where: jobScopeFor(actor),
    orderBy: { createdAt: "desc" },
    take: limit,
  });

  return Promise.all(records.map((record) => toSummary(db, record)));
}
