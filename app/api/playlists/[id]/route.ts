import { idParam, updatePlaylistBody } from "@/lib/library/video-dto";
import { playlistsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, OPTIONS } = allowOnly("GET", "PATCH", "DELETE");

/** A playlist with its videos in play order. */
export const GET = route<{ id: string }>("user", async ({ params }) => {
  const { id } = parseInput(idParam, params);

  return Response.json({ playlist: await playlistsApi.get(id) });
});

/** Renames a playlist and/or sets its videos in order. */
export const PATCH = route<{ id: string }>("user", async ({ request, params }) => {
  const { id } = parseInput(idParam, params);
  const body = parseInput(updatePlaylistBody, await readJson(request));

  return Response.json({ playlist: await playlistsApi.update(id, body) });
});

/** Deletes a playlist; its videos stay. */
export const DELETE = route<{ id: string }>("user", async ({ params }) => {
  const { id } = parseInput(idParam, params);
  await playlistsApi.remove(id);

  return new Response(null, { status: 204 });
});
