// Small building blocks the library pages share.
import type { ReactNode } from "react";

export const buttonClass =
  "inline-flex min-h-9 items-center justify-center gap-1 rounded-md border border-zinc-300 bg-white px-3 " +
  "text-sm font-medium text-zinc-900 hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-700 " +
  "dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";

export const primaryButtonClass =
  "inline-flex min-h-9 items-center justify-center gap-1 rounded-md bg-indigo-600 px-3 text-sm " +
  "font-medium text-white hover:bg-indigo-500 disabled:opacity-50";

export const inputClass =
  "min-h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 " +
  "dark:bg-zinc-900";

/** What to show when a list is empty: what it is and the first thing to do. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mx-auto mt-2 flex max-w-md flex-col items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
        {children}
      </div>
    </div>
  );
}

/** A failed load, with a way to try again. */
export function LoadError({ error, retry }: { error: Error; retry: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <p>{error.message}</p>
      <button type="button" className={`${buttonClass} mt-2`} onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/** Placeholder rows while a list loads. */
export function LoadingRows({ count = 6, label }: { count?: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-2">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="h-12 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
