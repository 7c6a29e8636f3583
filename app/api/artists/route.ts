import { listArtistsQuery } from "@/lib/library/artist-dto";
import { artistsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, searchParamsOf } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");

/** The shared library's artists: search, status filter, sort, keyset pages. */
export const GET = route("user", async ({ request }) => {
  const query = parseInput(listArtistsQuery, searchParamsOf(request));

  return Response.json(await artistsApi.list(query));
});
