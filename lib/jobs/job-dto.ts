// The jobs API's shapes: what routes answer and what they accept. The UI imports these types;
// change them only together with it.
import { z } from "zod";

import { strictObject } from "../http/strict-object";
import { JOB_PRIORITIES, type JobPriority } from "./priority";
import { JOB_STATUSES, type JobStatus } from "./status";

export type { JobEventKind, JobEventPayload } from "../realtime/job-event";
export type { JobPriority, JobStatus };
export { JOB_PRIORITIES, JOB_STATUSES };

/** One job as lists show it. Times are ISO strings. */
export interface JobSummary {
  id: string;
  type: string;
  /** The job type's human name. */
  title: string;
  status: JobStatus;
  priority: JobPriority;
  /** 0 to 100, for the current attempt. */
  progress: number;
  stage: string | null;
  message: string | null;
  etaSeconds: number | null;
  /** The attempt running or last run; 0 before the first. */
  attempt: number;
  maxAttempts: number;
  label: string;
  tags: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: { id: string; name: string };
  error: string | null;
  /** Last event sequence number; live events with a seq at or below it are stale. */
  seq: number;
}

export interface JobAttemptSummary {
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  /** completed | failed | cancelled | released | expired | null while running. */
  outcome: string | null;
  error: string | null;
}

export interface JobEventSummary {
  seq: number;
  kind: string;
  attempt: number;
  message: string | null;
  at: string;
}

export interface JobDetail extends JobSummary {
  payload: unknown;
  result: unknown;
  attempts: JobAttemptSummary[];
  events: JobEventSummary[];
}

export interface JobListResponse {
  items: JobSummary[];
  nextCursor: string | null;
}

export interface JobStatsResponse {
  running: number;
  queued: number;
}

const tags = z.array(z.string().trim().min(1).max(50)).max(20);

/** POST /api/jobs */
export const createJobBody = strictObject({
  type: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).default({}),
  priority: z.enum(JOB_PRIORITIES).default("normal"),
  /** Start no earlier than this time. */
  runAt: z.iso.datetime({ offset: true }).optional(),
  /** A second request with the same key while the first is not finished answers 409. */
  dedupeKey: z.string().trim().min(1).max(200).optional(),
  tags: tags.default([]),
});
export type CreateJobBody = z.input<typeof createJobBody>;

/** POST /api/jobs/enrich-metadata */
export const enrichMetadataBody = strictObject({
  artistId: z.uuid().optional(),
  artistIds: z.array(z.uuid()).min(1).max(1000).optional(),
  forceRefresh: z.boolean().default(false),
  priority: z.enum(JOB_PRIORITIES).default("normal"),
}).refine((body) => (body.artistId ? 1 : 0) + (body.artistIds ? 1 : 0) === 1, {
  message: "Send either artistId or artistIds.",
  path: ["artistId"],
});
export type EnrichMetadataBody = z.input<typeof enrichMetadataBody>;

/** GET /api/jobs query string. */
export const listJobsQuery = strictObject({
  status: z.enum(JOB_STATUSES).optional(),
  type: z.string().min(1).max(100).optional(),
  createdBy: z.string().min(1).max(100).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListJobsQuery = z.input<typeof listJobsQuery>;

/** PATCH /api/jobs/:id — only before the job has started. */
export const updateJobBody = strictObject({
  priority: z.enum(JOB_PRIORITIES).optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
}).refine((body) => body.priority !== undefined || body.payload !== undefined, {
  message: "Send priority or payload.",
  path: ["priority"],
});
export type UpdateJobBody = z.input<typeof updateJobBody>;

export const jobIdParam = z.object({ id: z.uuid() });
