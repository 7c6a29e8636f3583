import type {
  CreateJobBody,
  JobDetail,
  JobListResponse,
  JobStatsResponse,
  JobSummary,
  UpdateJobBody,
} from "@/lib/jobs/job-dto";
import type { JobStatus } from "@/lib/jobs/status";

/** A failed API call: the server's code and message, and the job's status on a 409. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly jobStatus?: JobStatus,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; status?: JobStatus };
}

async function request<T>(
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.json === undefined ? {} : { "content-type": "application/json" },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    const message = body.error?.message ?? `The request failed (${response.status}).`;
    throw new ApiError(response.status, body.error?.code ?? "unknown", message, body.error?.status);
  }

  return (await response.json()) as T;
}

/** What the jobs list can be narrowed by; empty fields mean "any". */
export interface JobFilters {
  status: JobStatus | null;
  type: string | null;
  q: string;
}

/** GET /api/jobs, one page. */
export function fetchJobs(filters: JobFilters, cursor: string | null, limit = 25) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.status) params.set("status", filters.status);
  if (filters.type) params.set("type", filters.type);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (cursor) params.set("cursor", cursor);

  return request<JobListResponse>(`/api/jobs?${params}`);
}

/** GET /api/jobs/:id */
export async function fetchJob(id: string): Promise<JobDetail> {
  const { job } = await request<{ job: JobDetail }>(`/api/jobs/${encodeURIComponent(id)}`);

  return job;
}

/** GET /api/jobs/stats */
export const fetchJobStats = () => request<JobStatsResponse>("/api/jobs/stats");

const jobAction = async (id: string, action: "cancel" | "retry") => {
  const path = `/api/jobs/${encodeURIComponent(id)}/${action}`;
  const { job } = await request<{ job: JobSummary }>(path, { method: "POST" });

  return job;
};

/** POST /api/jobs/:id/cancel */
export const cancelJob = (id: string) => jobAction(id, "cancel");

/** POST /api/jobs/:id/retry */
export const retryJob = (id: string) => jobAction(id, "retry");

/** PATCH /api/jobs/:id */
export async function updateJob(id: string, body: UpdateJobBody): Promise<JobSummary> {
  const path = `/api/jobs/${encodeURIComponent(id)}`;
  const { job } = await request<{ job: JobSummary }>(path, { method: "PATCH", json: body });

  return job;
}

/** POST /api/jobs */
export async function enqueueJob(body: CreateJobBody): Promise<JobSummary> {
  const { job } = await request<{ job: JobSummary }>("/api/jobs", { method: "POST", json: body });

  return job;
}
