"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { jobKeys } from "@/components/jobs/job-query-options";
import type { ImportFormat } from "@/lib/library/import/import-dto";

import { createImportFromFile, createImportFromText, type ImportResponse } from "./library-client";
import { buttonClass, inputClass, primaryButtonClass } from "./ui";

const PLACEHOLDER: Record<ImportFormat, string> = {
  text: "Radiohead\nBjörk\nSigur Rós",
  csv: 'name,mbid,spotify_id\nRadiohead,,\n"Crosby, Stills & Nash",,',
  json: '["Radiohead", { "name": "Björk" }]',
};

/**
 * Import artists by pasting names (one per line, CSV or JSON) or uploading a file of up to
 * 2 MB and 10,000 rows. The server answers at once; the import's page then shows its progress.
 */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<"paste" | "file">("paste");
  const [format, setFormat] = useState<ImportFormat>("text");
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const submit = useMutation({
    mutationFn: (): Promise<ImportResponse> =>
      mode === "file" && file ? createImportFromFile(file) : createImportFromText({ format, text }),
    onSuccess: ({ import: created }) => {
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      router.push(`/imports/${created.id}`);
    },
  });

  useEffect(() => {
    const node = dialog.current;
    node?.showModal();
    return () => node?.close();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  const ready = mode === "file" ? Boolean(file) : text.trim() !== "";

  return (
    <dialog
      ref={dialog}
      aria-labelledby="import-title"
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-1rem))] rounded-lg bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form onSubmit={onSubmit} className="flex flex-col gap-3">
        <h2 id="import-title" className="text-lg font-semibold">
          Import artists
        </h2>
        <div role="group" aria-label="Import from" className="flex gap-1">
          {(["paste", "file"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              className={`${buttonClass} flex-1 aria-pressed:bg-zinc-200 dark:aria-pressed:bg-zinc-700`}
            >
              {m === "paste" ? "Paste" : "Upload a file"}
            </button>
          ))}
        </div>
        {mode === "paste" ? (
          <>
            <label className="flex items-center gap-2 text-sm">
              Format
              <select
                className={`${inputClass} w-auto`}
                value={format}
                onChange={(e) => setFormat(e.target.value as ImportFormat)}
              >
                <option value="text">One name per line</option>
                <option value="csv">CSV (name, mbid, spotify_id)</option>
                <option value="json">JSON list</option>
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm">
              Artists
              <textarea
                className={`${inputClass} min-h-40 font-mono`}
                value={text}
                placeholder={PLACEHOLDER[format]}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
          </>
        ) : (
          <label className="flex flex-col gap-1 text-sm">
            File (.txt, .csv or .json, up to 2 MB and 10,000 rows)
            <input
              type="file"
              accept=".txt,.csv,.json,text/plain,text/csv,application/json"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Blank lines, repeats and artists already in the library are listed in the import report,
          not imported twice. New artists are enriched as soon as they are created.
        </p>
        {submit.isError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {submit.error.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className={primaryButtonClass}
            disabled={!ready || submit.isPending}
          >
            {submit.isPending ? "Importing…" : "Import"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
