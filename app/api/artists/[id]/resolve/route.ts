import { artistIdParam, resolveArtistBody } from "@/lib/library/artist-dto";
import { artistsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** A person picked the MusicBrainz candidate: locks the MBID and re-enriches; 202 with the job. */
export const POST = route<{ id: string }>("user", async ({ request, params, actor }) => {
  const { id } = parseInput(artistIdParam, params);
  const { mbid } = parseInput(resolveArtistBody, await readJson(request));

  return Response.json(await artistsApi.resolve(actor, id, mbid), { status: 202 });
});
