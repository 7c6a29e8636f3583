"use client";

import { type FormEvent, useState } from "react";

import type { VideoView } from "@/lib/library/video-dto";

import { ArtistPicker } from "./artist-picker";
import { buttonClass, inputClass, primaryButtonClass } from "./ui";

export interface VideoDraft {
  title: string;
  artistId: string | null;
  year: number | null;
  sourceUrl: string | null;
}

interface VideoFormProps {
  initial?: VideoView;
  submitLabel: string;
  busy: boolean;
  onSubmit(draft: VideoDraft): void;
  onCancel?(): void;
}

/** Title, artist, year and source address of a video; shared by "add" and "edit". */
export function VideoForm({ initial, submitLabel, busy, onSubmit, onCancel }: VideoFormProps) {
  const [title, setTitle] = useState(initial?.title ?? "");
  const [artist, setArtist] = useState(initial?.artist ?? null);
  const [year, setYear] = useState(initial?.year?.toString() ?? "");
  const [sourceUrl, setSourceUrl] = useState(initial?.sourceUrl ?? "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      title: title.trim(),
      artistId: artist?.id ?? null,
      year: year.trim() ? Number(year) : null,
      sourceUrl: sourceUrl.trim() || null,
    });
  };

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-2 sm:grid-cols-2">
      <label className="flex flex-col gap-1 text-sm">
        Title
        <input
          className={inputClass}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <ArtistPicker value={artist} onChange={setArtist} />
      <label className="flex flex-col gap-1 text-sm">
        Year
        <input
          className={inputClass}
          inputMode="numeric"
          pattern="\d{4}"
          value={year}
          onChange={(e) => setYear(e.target.value)}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        Source address
        <input
          className={inputClass}
          type="url"
          value={sourceUrl}
          onChange={(e) => setSourceUrl(e.target.value)}
        />
      </label>
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className={primaryButtonClass} disabled={busy || !title.trim()}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={buttonClass} onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
