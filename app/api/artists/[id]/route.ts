import { artistIdParam, updateArtistBody } from "@/lib/library/artist-dto";
import { artistsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, OPTIONS } = allowOnly("GET", "PATCH", "DELETE");

/** One artist with field sources, candidates, videos and the viewer's visible jobs. */
export const GET = route<{ id: string }>("user", async ({ params, actor }) => {
  const { id } = parseInput(artistIdParam, params);

  return Response.json({ artist: await artistsApi.get(actor, id) });
});

/** Edits fields (locking them) and unlocks others; answers the artist as it now stands. */
export const PATCH = route<{ id: string }>("user", async ({ request, params, actor }) => {
  const { id } = parseInput(artistIdParam, params);
  const body = parseInput(updateArtistBody, await readJson(request));
  await artistsApi.update(actor, id, body);

  return Response.json({ artist: await artistsApi.get(actor, id) });
});

/** Administrators only: removing an artist discards its enrichment for every user. */
export const DELETE = route<{ id: string }>("admin", async ({ params }) => {
  const { id } = parseInput(artistIdParam, params);
  await artistsApi.remove(id);

  return new Response(null, { status: 204 });
});
