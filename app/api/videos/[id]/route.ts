import { idParam, updateVideoBody } from "@/lib/library/video-dto";
import { videosApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, POST, PUT, OPTIONS } = allowOnly("PATCH", "DELETE");

/** Changes a video's title, artist, year or source. */
export const PATCH = route<{ id: string }>("user", async ({ request, params }) => {
  const { id } = parseInput(idParam, params);
  const body = parseInput(updateVideoBody, await readJson(request));

  return Response.json({ video: await videosApi.update(id, body) });
});

/** Removes a video (and its places on playlists). */
export const DELETE = route<{ id: string }>("user", async ({ params }) => {
  const { id } = parseInput(idParam, params);
  await videosApi.remove(id);

  return new Response(null, { status: 204 });
});
