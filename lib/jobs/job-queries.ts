import type { z } from "zod";

import type { Actor } from "../auth/actor";
import { canSeeJob, jobScopeFor } from "../auth/policy";
import { AppError } from "../http/errors";
import type { JobDetail, JobListResponse, JobStatsResponse, listJobsQuery } from "./job-dto";
import {
  type AttemptRow,
  type EventRow,
  JOB_SELECT,
  type JobRow,
  toJobDetail,
  toJobSummary,
} from "./job-summary";
import { requireDefinition } from "./enqueue-job";
import { queryRows, type Sql } from "./sql";
import type { JobStatus } from "./status";

const FROM = `FROM job j LEFT JOIN "user" u ON u.id = j."createdById"`;

/** Builds numbered SQL parameters beside the conditions that use them. */
class Where {
  readonly values: unknown[] = [];
  readonly clauses: string[] = [];

  param(value: unknown): string {
    this.values.push(value);

    return `$${this.values.length}`;
  }

  add(clause: string): void {
    this.clauses.push(clause);
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(" AND ")}` : "";
  }
}

// A waiting job whose start time has passed shows as queued; filters agree with what is shown.
function statusClause(where: Where, status: JobStatus): string {
  if (status === "queued")
    return `(j.status = 'queued' OR (j.status = 'waiting' AND j."runAt" <= now()))`;
  if (status === "waiting") return `(j.status = 'waiting' AND j."runAt" > now())`;

  return `j.status = ${where.param(status)}`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Cursor {
  createdAt: string;
  id: string;
}

function encodeCursor(row: JobRow): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError("validation_failed", "cursor: not a cursor from this API.", {
      field: "cursor",
    });
  }

  return { createdAt, id };
}

/**
 * GET /api/jobs: newest first, filtered by status, type, creator (admins) and text over the
 * label and payload, one page at a time (keyset pagination on createdAt and id).
 */
export async function listJobs(
  sql: Sql,
  actor: Actor,
  query: z.output<typeof listJobsQuery>,
): Promise<JobListResponse> {
  const where = new Where();
  const scope = jobScopeFor(actor, query.createdBy);
  if (scope.createdById) where.add(`j."createdById" = ${where.param(scope.createdById)}`);
  if (query.status) where.add(statusClause(where, query.status));
  if (query.type) where.add(`j.type = ${where.param(requireDefinition(query.type).type)}`);
  if (query.q) {
    const like = where.param(`%${escapeLike(query.q)}%`);
    where.add(`(j.label ILIKE ${like} OR j.payload::text ILIKE ${like})`);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.add(
      `(j."createdAt", j.id) < ` +
        `(${where.param(cursor.createdAt)}::timestamptz, ${where.param(cursor.id)}::uuid)`,
    );
  }
  const limit = where.param(query.limit + 1);
  const rows = await queryRows<JobRow>(
    sql,
    `SELECT ${JOB_SELECT} ${FROM} ${where} ORDER BY j."createdAt" DESC, j.id DESC LIMIT ${limit}`,
    where.values,
  );
  const page = rows.slice(0, query.limit);
  const now = new Date();
  const last = page.at(-1);

  return {
    items: page.map((row) => toJobSummary(row, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** A job the actor may see, or 404 (also for someone else's job: existence is not leaked). */
export async function findVisibleJob(sql: Sql, actor: Actor, id: string): Promise<JobRow> {
  const [row] = await queryRows<JobRow>(sql, `SELECT ${JOB_SELECT} ${FROM} WHERE j.id = $1`, [id]);
  if (!row || !canSeeJob(actor, row)) {
    throw new AppError("not_found", "Job was not found.");
  }

  return row;
}

/** GET /api/jobs/:id: the job with every attempt and its lifecycle timeline. */
export async function getJobDetail(sql: Sql, actor: Actor, id: string): Promise<JobDetail> {
  const row = await findVisibleJob(sql, actor, id);
  const [attempts, events] = await Promise.all([
    queryRows<AttemptRow>(
      sql,
      `SELECT attempt, "startedAt", "finishedAt", outcome, error FROM job_attempt
        WHERE "jobId" = $1 ORDER BY attempt`,
      [id],
    ),
    queryRows<EventRow>(
      sql,
      `SELECT seq, kind, attempt, message, at FROM job_event WHERE "jobId" = $1 ORDER BY seq, id`,
      [id],
    ),
  ]);

  return toJobDetail(row, attempts, events);
}

/** GET /api/jobs/stats: the header's counts, running and waiting to run, for the actor. */
export async function jobStats(sql: Sql, actor: Actor): Promise<JobStatsResponse> {
  const scope = jobScopeFor(actor);
  const [row] = await queryRows<{ running: number; queued: number }>(
    sql,
    `SELECT count(*) FILTER (WHERE status = 'processing')::int AS running,
            count(*) FILTER (WHERE status IN ('queued', 'waiting', 'retrying'))::int AS queued
       FROM job
      WHERE status IN ('processing', 'queued', 'waiting', 'retrying')
        AND ($1::text IS NULL OR "createdById" = $1)`,
    [scope.createdById ?? null],
  );

  return { running: row?.running ?? 0, queued: row?.queued ?? 0 };
}
