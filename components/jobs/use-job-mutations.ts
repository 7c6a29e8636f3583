"use client";

import {
  type InfiniteData,
  type QueryClient,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { toast } from "sonner";

import type { CreateJobBody, JobListResponse, JobSummary } from "@/lib/jobs/job-dto";
import type { JobPriority } from "@/lib/jobs/priority";

import { ApiError, cancelJob, enqueueJob, retryJob, updateJob } from "./job-api";
import { replaceJobInPages } from "./job-cache";
import { jobKeys } from "./job-query-options";

type JobPages = InfiniteData<JobListResponse, string | null>;

/** Shows a mutation's answer at once, before the refetch that follows it lands. */
function showAnswer(queryClient: QueryClient, job: JobSummary) {
  queryClient.setQueriesData<JobPages>({ queryKey: jobKeys.lists() }, (data) =>
    data ? replaceJobInPages(data, job) : data,
  );
}

/** A sentence for a failed action; a 409 names the status the job is really in. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 409 && error.jobStatus) {
    return `${error.message} It is ${error.jobStatus} now.`;
  }

  return error instanceof Error ? error.message : "Something went wrong.";
}

function useJobMutation<V>(run: (vars: V) => Promise<JobSummary>, verb: string) {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: run,
    onSuccess: (job) => showAnswer(queryClient, job),
    onError: (error) =>
      toast.error(`Could not ${verb} the job`, { description: describeFailure(error) }),
    // The server's answer is the new truth for lists, counts and the job's own page.
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

/** Cancels a queued or running job. */
export const useCancelJob = () => useJobMutation((id: string) => cancelJob(id), "cancel");

/** Queues a failed or cancelled job again. */
export const useRetryJob = () => useJobMutation((id: string) => retryJob(id), "retry");

/** Changes the priority of a job that has not started. */
export const useChangePriority = () =>
  useJobMutation(
    ({ id, priority }: { id: string; priority: JobPriority }) => updateJob(id, { priority }),
    "change the priority of",
  );

/** Enqueues a job; the new job appears in lists at once. */
export function useEnqueueJob() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (body: CreateJobBody) => enqueueJob(body),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(job.id), undefined);
      void queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: jobKeys.stats() });
    },
  });
}

export type BulkAction = "cancel" | "retry" | { priority: JobPriority };

/** Runs one action over many jobs, then says how many worked and why the rest did not. */
export function useBulkJobAction() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: async ({ ids, action }: { ids: string[]; action: BulkAction }) => {
      const run = (id: string) =>
        action === "cancel"
          ? cancelJob(id)
          : action === "retry"
            ? retryJob(id)
            : updateJob(id, { priority: action.priority });

      return Promise.allSettled(ids.map(run));
    },
    onSuccess: (results) => {
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      const done = results.length - failed.length;
      if (failed.length === 0) {
        toast.success(`${done} job${done === 1 ? "" : "s"} updated`);

        return;
      }
      toast.warning(`${done} of ${results.length} jobs updated`, {
        description: describeFailure(failed[0]?.reason),
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
