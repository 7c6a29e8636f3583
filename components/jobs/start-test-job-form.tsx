"use client";

import { type FormEvent, useState } from "react";
import { toast } from "sonner";

import { buttonClass } from "./job-actions";
import { JobLink } from "./job-toasts";
import { describeFailure, useEnqueueJob } from "./use-job-mutations";

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-base dark:border-zinc-700 " +
  "dark:bg-zinc-900";

function NumberField(props: {
  id: string;
  label: string;
  defaultValue: number;
  min: number;
  max: number;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={props.id} className="text-xs font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.id}
        type="number"
        inputMode="numeric"
        required
        min={props.min}
        max={props.max}
        defaultValue={props.defaultValue}
        className={inputClass}
      />
    </div>
  );
}

const numberOf = (form: FormData, name: string) => Number(form.get(name) ?? 0);

/** Enqueues a self_test job so a user can watch the engine work end to end. */
export function StartTestJobForm() {
  const enqueue = useEnqueueJob();
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const label = String(form.get("label") ?? "").trim();
    const payload = {
      steps: numberOf(form, "steps"),
      stepMs: numberOf(form, "stepMs"),
      failFirstAttempts: numberOf(form, "failFirstAttempts"),
      ...(label ? { label } : {}),
    };
    setError(null);
    enqueue.mutate(
      { type: "self_test", payload },
      {
        onSuccess: (job) => toast("Test job queued", { description: <JobLink id={job.id} /> }),
        onError: (err) => setError(describeFailure(err)),
      },
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby="test-job-heading" className="flex flex-col gap-3">
      <h2 id="test-job-heading" className="text-sm font-semibold">
        Start a test job
      </h2>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <NumberField id="steps" label="Steps" defaultValue={10} min={0} max={10_000} />
        <NumberField id="stepMs" label="Step time (ms)" defaultValue={500} min={0} max={60_000} />
        <NumberField
          id="failFirstAttempts"
          label="Failing attempts"
          defaultValue={0}
          min={0}
          max={20}
        />
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="label" className="text-xs font-medium">
            Label
          </label>
          <input id="label" name="label" maxLength={200} className={inputClass} />
        </div>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={enqueue.isPending}>
          Start test job
        </button>
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error ?? ""}
        </p>
      </div>
    </form>
  );
}
