"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";

import { fetchArtists } from "./library-client";
import { inputClass } from "./ui";

interface ArtistPickerProps {
  value: { id: string; name: string } | null;
  onChange(artist: { id: string; name: string } | null): void;
}

/** A text box that suggests library artists as one types; a name not chosen means "none". */
export function ArtistPicker({ value, onChange }: ArtistPickerProps) {
  const listId = useId();
  const [text, setText] = useState(value?.name ?? "");
  const suggestions = useQuery({
    queryKey: ["artists", "picker", text.trim()],
    queryFn: () => fetchArtists({ q: text.trim(), status: null, sort: "name" }, null, 20),
    enabled: text.trim().length > 0,
    staleTime: 30_000,
  });
  const items = suggestions.data?.items ?? [];

  return (
    <label className="flex flex-col gap-1 text-sm">
      Artist (optional)
      <input
        className={inputClass}
        list={listId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const hit = items.find((a) => a.name === e.target.value);
          onChange(hit ? { id: hit.id, name: hit.name } : null);
        }}
      />
      <datalist id={listId}>
        {items.map((a) => (
          <option key={a.id} value={a.name} />
        ))}
      </datalist>
    </label>
  );
}
