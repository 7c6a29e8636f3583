import { createPlaylistBody } from "@/lib/library/video-dto";
import { playlistsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

/** Every playlist, by name. */
export const GET = route("user", async () =>
  Response.json({ playlists: await playlistsApi.list() }),
);

/** Creates a playlist, optionally with videos in order. */
export const POST = route("user", async ({ request }) => {
  const body = parseInput(createPlaylistBody, await readJson(request));

  return Response.json({ playlist: await playlistsApi.create(body) }, { status: 201 });
});
