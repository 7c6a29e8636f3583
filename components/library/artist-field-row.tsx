"use client";

import { type FormEvent, useState } from "react";

import type { ArtistDetail, EditableField } from "@/lib/library/artist-dto";

import { buttonClass, inputClass, primaryButtonClass } from "./ui";

const SOURCE_LABEL: Record<string, string> = {
  musicbrainz: "MusicBrainz",
  lastfm: "Last.fm",
  spotify: "Spotify",
  user: "edited by hand",
};

export const FIELD_LABEL: Record<EditableField, string> = {
  name: "Library name",
  canonicalName: "Canonical name",
  mbid: "MusicBrainz id",
  spotifyId: "Spotify id",
  type: "Type",
  country: "Country",
  area: "Area",
  beginArea: "Begin area",
  beginDate: "Began",
  endDate: "Ended",
  disambiguation: "Disambiguation",
  genres: "Genres",
  bio: "Biography",
};

const show = (value: unknown) =>
  Array.isArray(value)
    ? value.join(", ")
    : value === null || value === undefined
      ? ""
      : String(value);

interface FieldRowProps {
  artist: ArtistDetail;
  field: EditableField;
  saving: boolean;
  onSave(field: EditableField, value: string | string[] | null): void;
  onUnlock(field: EditableField): void;
}

/** One field: its value, where it came from, a lock when a person set it, and an editor. */
export function ArtistFieldRow({ artist, field, saving, onSave, onUnlock }: FieldRowProps) {
  const value = artist[field];
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(show(value));
  const source = artist.fieldSources[field];
  const locked = artist.lockedFields.includes(field);
  const label = FIELD_LABEL[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    const next =
      field === "genres"
        ? text
            .split(",")
            .map((g) => g.trim())
            .filter(Boolean)
        : text || null;
    onSave(field, next);
    setEditing(false);
  };

  return (
    <div
      role="group"
      aria-label={label}
      className="grid grid-cols-1 gap-1 border-b border-zinc-200 py-2 sm:grid-cols-[10rem_minmax(0,1fr)_auto] sm:items-start dark:border-zinc-800"
    >
      <dt className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
        {locked ? (
          <svg
            role="img"
            aria-label="locked"
            viewBox="0 0 16 16"
            className="ml-1 inline size-3.5 align-[-2px] text-amber-700 dark:text-amber-400"
          >
            <title>Locked: enrichment keeps this value</title>
            <path
              fill="currentColor"
              d="M5 7V5a3 3 0 1 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z"
            />
          </svg>
        ) : null}
      </dt>
      <dd className="min-w-0">
        {editing ? (
          <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row">
            <label className="min-w-0 flex-1">
              <span className="sr-only">{label}</span>
              {field === "bio" ? (
                <textarea
                  className={`${inputClass} min-h-24`}
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                />
              ) : (
                <input
                  className={inputClass}
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                />
              )}
            </label>
            <div className="flex gap-2">
              <button type="submit" className={primaryButtonClass} disabled={saving}>
                Save
              </button>
              <button type="button" className={buttonClass} onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <p
            className={`text-sm break-words ${field === "bio" ? "line-clamp-6 whitespace-pre-line" : ""}`}
          >
            {show(value) || <span className="text-zinc-500">Unknown</span>}
          </p>
        )}
        {source && !editing ? (
          <p className="text-xs text-zinc-500">
            {source.source === "user"
              ? "edited by hand"
              : `from ${SOURCE_LABEL[source.source] ?? source.source}`}
            {source.at ? ` · ${new Date(source.at).toLocaleDateString()}` : ""}
          </p>
        ) : null}
      </dd>
      {!editing ? (
        <div className="flex gap-2">
          <button
            type="button"
            className={buttonClass}
            aria-label={`Edit ${label}`}
            onClick={() => {
              setDraft(show(value));
              setEditing(true);
            }}
          >
            Edit
          </button>
          {locked && field !== "name" ? (
            <button
              type="button"
              className={buttonClass}
              aria-label={`Unlock ${label}`}
              onClick={() => onUnlock(field)}
            >
              Unlock
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
