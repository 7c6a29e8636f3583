import { AppError } from "../http/errors";
import { jobIdParam } from "./job-dto";

/** The job id of a route, or 404: a malformed id names no job, like someone else's. */
export function jobIdOf(params: { id: string }): string {
  const parsed = jobIdParam.safeParse(params);
  if (!parsed.success) throw new AppError("not_found", "Job was not found.");

  return parsed.data.id;
}
