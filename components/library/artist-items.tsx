"use client";

import Link from "next/link";
import { useState } from "react";

import type { ArtistListItem } from "@/lib/library/artist-dto";

import { EnrichmentStatusBadge } from "./enrichment-status";

interface ItemProps {
  artist: ArtistListItem;
  selected: boolean;
  onToggle(id: string): void;
}

const facts = (a: ArtistListItem) =>
  [a.type, a.country, a.genres.join(", ")].filter(Boolean).join(" · ");

function SelectBox({ artist, selected, onToggle }: ItemProps) {
  return (
    <input
      type="checkbox"
      className="size-5 shrink-0"
      aria-label={`Select ${artist.name}`}
      checked={selected}
      onChange={() => onToggle(artist.id)}
    />
  );
}

/** The artist's image, or its initial when there is none or it cannot be loaded (offline). */
function ArtistPicture({ name, url }: { name: string; url: string | null }) {
  const [failed, setFailed] = useState(false);
  if (url && !failed) {
    return (
      // Provider images come from many hosts; next/image would need each one configured.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={url}
        alt=""
        loading="lazy"
        className="size-full object-cover"
        onError={() => setFailed(true)}
      />
    );
  }

  return (
    <div aria-hidden className="flex size-full items-center justify-center text-3xl text-zinc-400">
      {name.slice(0, 1).toUpperCase()}
    </div>
  );
}

/** An artist as a tile in the grid view. */
export function ArtistTile(props: ItemProps) {
  const { artist } = props;

  return (
    <li className="flex flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-start justify-between gap-2">
        <SelectBox {...props} />
        <EnrichmentStatusBadge status={artist.enrichmentStatus} />
      </div>
      <div className="aspect-square w-full overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800">
        <ArtistPicture name={artist.name} url={artist.imageUrl} />
      </div>
      <Link href={`/artists/${artist.id}`} className="font-medium break-words hover:underline">
        {artist.name}
      </Link>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {facts(artist) || "No details yet"}
      </p>
    </li>
  );
}

/** An artist as a row in the list view. */
export function ArtistRow(props: ItemProps) {
  const { artist } = props;

  return (
    <li className="flex items-center gap-3 border-b border-zinc-200 px-2 py-2 dark:border-zinc-800">
      <SelectBox {...props} />
      <div className="min-w-0 flex-1">
        <Link href={`/artists/${artist.id}`} className="font-medium break-words hover:underline">
          {artist.name}
        </Link>
        {artist.disambiguation ? (
          <span className="ml-2 text-xs text-zinc-500">({artist.disambiguation})</span>
        ) : null}
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
          {facts(artist) || "No details yet"}
        </p>
      </div>
      <EnrichmentStatusBadge status={artist.enrichmentStatus} />
    </li>
  );
}
